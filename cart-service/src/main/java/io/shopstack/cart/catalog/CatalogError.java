package io.shopstack.cart.catalog;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** Errors about products as the catalog describes them. See {@code docs/problems.md}. */
public enum CatalogError implements ErrorCode {
    PRODUCT_NOT_FOUND(Outcome.REJECTED, "Unknown product"),
    PRODUCT_UNAVAILABLE(Outcome.REJECTED, "Product unavailable"),
    OUT_OF_STOCK(Outcome.REJECTED, "Out of stock"),
    INSUFFICIENT_STOCK(Outcome.REJECTED, "Not enough stock"),
    CATALOG_UNAVAILABLE(Outcome.UNAVAILABLE, "Catalog unavailable"),
    CATALOG_ERROR(Outcome.DEPENDENCY_FAILED, "Catalog error");

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
