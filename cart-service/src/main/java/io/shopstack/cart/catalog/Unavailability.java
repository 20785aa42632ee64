package io.shopstack.cart.catalog;

/**
 * Why a product cannot be bought now: the one rule that carts and wishlists share (a cart line with a reason is shown
 * but excluded from the totals; adding such a product is refused).
 */
public enum Unavailability {
    /** The catalog no longer has it. */
    DELETED,
    /** The catalog keeps it but does not sell it. */
    INACTIVE,
    OUT_OF_STOCK,
    /** Priced in another currency than the rest of the cart. */
    CURRENCY_MISMATCH;

    /** The reason a product in this state cannot be bought, or null when it can. */
    public static Unavailability of(boolean deleted, boolean active, int stockQuantity) {
        if (deleted) {
            return DELETED;
        }
        if (!active) {
            return INACTIVE;
        }
        return stockQuantity <= 0 ? OUT_OF_STOCK : null;
    }
}
