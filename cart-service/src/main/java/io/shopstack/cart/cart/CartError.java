package io.shopstack.cart.cart;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** The cart's errors. See {@code docs/problems.md}. */
public enum CartError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    CART_FULL(Outcome.REJECTED, "Too many items"),
    CART_EMPTY(Outcome.REJECTED, "Cart is empty"),
    CURRENCY_MISMATCH(Outcome.REJECTED, "Different currency"),
    QUANTITY_LIMIT(Outcome.REJECTED, "Quantity too large");

    private final Outcome outcome;
    private final String title;

    CartError(Outcome outcome, String title) {
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
