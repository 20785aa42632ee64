package io.shopstack.order;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** order-service's error codes; docs/problems.md explains each. */
public enum OrderError implements ErrorCode {
    /** An order that does not exist, or is another user's. */
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    IDEMPOTENCY_KEY_REQUIRED(Outcome.INVALID, "Idempotency-Key required"),
    IDEMPOTENCY_KEY_INVALID(Outcome.INVALID, "Invalid Idempotency-Key"),
    /** The key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED(Outcome.CONFLICT, "Idempotency-Key reused"),
    /** A field the client may not set, such as a price or the lines: they come from the cart and the catalog. */
    UNKNOWN_FIELD(Outcome.INVALID, "Unknown field"),
    PAYMENT_METHOD_INVALID(Outcome.INVALID, "Invalid payment method"),
    CART_EMPTY(Outcome.REJECTED, "Cart is empty"),
    /** The cart already shows that the stock is gone (otherwise the order is placed and the stock decides). */
    OUT_OF_STOCK(Outcome.REJECTED, "Out of stock"),
    CART_HAS_UNAVAILABLE_ITEMS(Outcome.REJECTED, "Cart has unavailable items"),
    CART_UNAVAILABLE(Outcome.UNAVAILABLE, "Cart unavailable"),
    ORDER_NOT_CANCELLABLE(Outcome.CONFLICT, "Order not cancellable");

    private final Outcome outcome;
    private final String title;

    OrderError(Outcome outcome, String title) {
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
