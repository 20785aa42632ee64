package io.shopstack.infrastructure;

/** Database names end up in DDL, so only plain lower-case identifiers are accepted. */
final class DatabaseNames {

    private DatabaseNames() {}

    static String requireValid(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid database name '" + name + "': use [a-z][a-z0-9_]*");
        }
        return name;
    }
}
