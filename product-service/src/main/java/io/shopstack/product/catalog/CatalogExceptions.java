package io.shopstack.product.catalog;

/** The catalog's domain errors; {@link CatalogProblemAdvice} turns them into problem details. */
public final class CatalogExceptions {

    private CatalogExceptions() {
    }

    /** 404: the addressed product or category does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String what, long id) {
            super(what + " " + id + " does not exist");
        }
    }

    /** 400: a request field refers to something invalid (e.g. an unknown category). */
    public static class InvalidField extends RuntimeException {
        private final String field;

        public InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** 409: the client's version is not the current one (someone changed the resource meanwhile). */
    public static class VersionConflict extends RuntimeException {
        public VersionConflict(String what, long id, long expected, long actual) {
            super("%s %d is at version %d, not %d: reload it and retry".formatted(what, id, actual, expected));
        }
    }

    /** 409: a unique name is taken. */
    public static class NameTaken extends RuntimeException {
        public NameTaken(String name) {
            super("A category named '" + name + "' already exists");
        }
    }
}
