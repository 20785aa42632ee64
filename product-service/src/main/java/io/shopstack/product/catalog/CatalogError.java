package io.shopstack.product.catalog;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** The catalog's errors. See {@code docs/problems.md}. */
public enum CatalogError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    /** A field refers to something invalid (e.g. an unknown category); the body has an {@code errors} map. */
    VALIDATION_FAILED(Outcome.INVALID, "Invalid request"),
    /** The client's version is not the current one: reload and retry. */
    VERSION_CONFLICT(Outcome.CONFLICT, "Conflict"),
    NAME_TAKEN(Outcome.CONFLICT, "Conflict");

    private final Outcome outcome;
    private final String title;

    CatalogError(Outcome outcome, String title) {
        this.outcome = outcome;
        this.title = title;
    }

    @Override
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public String title() {
        return title;
    }
}
