package io.shopstack.order.order;

/** The saga's states (docs/order-saga.md); CONFIRMED and CANCELLED are final. */
public enum OrderStatus {
    /** Stock asked for, no answer yet. */
    PLACED,
    /** Stock held for the order; payment is being authorised. */
    STOCK_RESERVED,
    /** Paid; the stock's reservation is becoming a sale. */
    PAYMENT_AUTHORIZED,
    CONFIRMED,
    CANCELLED;

    public boolean isFinal() {
        return this == CONFIRMED || this == CANCELLED;
    }

    /** The customer may cancel until the payment is authorised. */
    public boolean isCancellable() {
        return this == PLACED || this == STOCK_RESERVED;
    }
}
