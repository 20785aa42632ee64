package io.shopstack.cart.wishlist;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** The wishlist's errors. See {@code docs/problems.md}. */
public enum WishlistError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    WISHLIST_FULL(Outcome.REJECTED, "Too many items");

    private final Outcome outcome;
    private final String title;

    WishlistError(Outcome outcome, String title) {
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
