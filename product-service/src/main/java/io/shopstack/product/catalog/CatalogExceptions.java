package io.shopstack.product.catalog;

import io.shopstack.platform.problem.DomainException;

import java.util.Map;

/** The catalog's domain errors (the platform's advice turns them into problem details with their code). */
public final class CatalogExceptions {

    private CatalogExceptions() {}

    /** The addressed product or category does not exist. */
    public static class NotFound extends DomainException {
        public NotFound(String what, long id) {
            super(CatalogError.NOT_FOUND, what + " " + id + " does not exist");
        }
    }

    /** A request field refers to something invalid (e.g. an unknown category). */
    public static class InvalidField extends DomainException {
        public InvalidField(String field, String message) {
            super(CatalogError.VALIDATION_FAILED, "The request has invalid fields.");
            with("errors", Map.of(field, message));
        }
    }

    /** The client's version is not the current one (someone changed the resource meanwhile). */
    public static class VersionConflict extends DomainException {
        public VersionConflict(String what, long id, long expected, long actual) {
            super(
                    CatalogError.VERSION_CONFLICT,
                    "%s %d is at version %d, not %d: reload it and retry".formatted(what, id, actual, expected));
        }
    }

    /** A unique name is taken. */
    public static class NameTaken extends DomainException {
        public NameTaken(String name) {
            super(CatalogError.NAME_TAKEN, "A category named '" + name + "' already exists");
        }
    }
}
