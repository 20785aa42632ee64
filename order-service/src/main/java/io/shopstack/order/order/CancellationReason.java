package io.shopstack.order.order;

import io.shopstack.events.order.StockReply;

/** Why an order was cancelled: shown to the shopper and counted as a compensation. */
public enum CancellationReason {
    OUT_OF_STOCK,
    PRODUCT_UNAVAILABLE,
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT,
    /** The stock's reservation expired before the order could be completed. */
    RESERVATION_EXPIRED,
    /** The catalog did not answer the reservation in time. */
    STOCK_TIMEOUT,
    CANCELLED_BY_CUSTOMER;

    static CancellationReason of(StockReply.Reason reason) {
        if (reason == null) {
            return PRODUCT_UNAVAILABLE;
        }
        return switch (reason) {
            case OUT_OF_STOCK -> OUT_OF_STOCK;
            case PRODUCT_UNAVAILABLE -> PRODUCT_UNAVAILABLE;
            case RESERVATION_EXPIRED, RESERVATION_RELEASED, RELEASE_REQUESTED -> RESERVATION_EXPIRED;
        };
    }
}
