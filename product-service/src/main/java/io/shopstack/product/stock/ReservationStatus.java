package io.shopstack.product.stock;

/** A reservation's life: RESERVED, then CONFIRMED (sold), RELEASED or EXPIRED (back in stock); or REJECTED at once. */
enum ReservationStatus {
    RESERVED,
    CONFIRMED,
    RELEASED,
    EXPIRED,
    REJECTED
}
