package io.shopstack.cart;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** cart-service's error codes, for all its features; the table in {@code docs/problems.md} explains each. */
public enum CartError implements ErrorCode {
    /** A cart item, wishlist item, promo code or dead letter that does not exist (or is another user's). */
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),

    // Carts and wishlists
    CART_FULL(Outcome.REJECTED, "Too many items"),
    CART_EMPTY(Outcome.REJECTED, "Cart is empty"),
    CURRENCY_MISMATCH(Outcome.REJECTED, "Different currency"),
    QUANTITY_LIMIT(Outcome.REJECTED, "Quantity too large"),
    WISHLIST_FULL(Outcome.REJECTED, "Too many items"),

    // Products, as the catalog describes them
    PRODUCT_NOT_FOUND(Outcome.REJECTED, "Unknown product"),
    PRODUCT_UNAVAILABLE(Outcome.REJECTED, "Product unavailable"),
    OUT_OF_STOCK(Outcome.REJECTED, "Out of stock"),
    INSUFFICIENT_STOCK(Outcome.REJECTED, "Not enough stock"),
    CATALOG_UNAVAILABLE(Outcome.UNAVAILABLE, "Catalog unavailable"),
    CATALOG_ERROR(Outcome.DEPENDENCY_FAILED, "Catalog error"),

    // Promo codes: why one cannot be applied or created, also why an applied one gives no discount
    PROMO_UNKNOWN(Outcome.REJECTED, "Unknown promo code"),
    PROMO_INACTIVE(Outcome.REJECTED, "Promo code not usable"),
    PROMO_NOT_YET_VALID(Outcome.REJECTED, "Promo code not yet valid"),
    PROMO_EXPIRED(Outcome.REJECTED, "Promo code expired"),
    PROMO_CURRENCY_MISMATCH(Outcome.REJECTED, "Promo code in another currency"),
    PROMO_MINIMUM_NOT_MET(Outcome.REJECTED, "Minimum order not met"),
    PROMO_LIMIT_REACHED(Outcome.REJECTED, "Promo code used up"),
    PROMO_INVALID(Outcome.REJECTED, "Invalid promo code"),
    PROMO_EXISTS(Outcome.CONFLICT, "Promo code exists"),

    // The internal event and dead-letter APIs
    INVALID_EVENT(Outcome.INVALID, "Invalid event");

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
