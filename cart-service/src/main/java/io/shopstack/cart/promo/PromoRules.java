package io.shopstack.cart.promo;

import io.shopstack.cart.CartError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Whether a promo code gives a discount on a subtotal at a moment, and how much: pure rules, no database (the usage
 * limit is reserved atomically by {@link PromoService#apply}).
 */
public final class PromoRules {

    private PromoRules() {}

    /** Evaluates a code against a subtotal now ({@link PromoService#evaluate}, or a fixed moment in a test). */
    @FunctionalInterface
    public interface Evaluator {
        Evaluation evaluate(PromoCode promo, BigDecimal subtotal, String currency);
    }

    /** The discount the code gives on {@code subtotal} (in {@code currency}) at {@code now}, rounded to the subtotal's digits. */
    public static Evaluation evaluate(PromoCode promo, BigDecimal subtotal, String currency, Instant now) {
        if (!promo.isActive()) {
            return Evaluation.no(CartError.PROMO_INACTIVE, "The promo code is no longer active.");
        }
        if (promo.notYetValid(now)) {
            return Evaluation.no(
                    CartError.PROMO_NOT_YET_VALID, "The promo code is valid from " + promo.getValidFrom() + ".");
        }
        if (promo.expired(now)) {
            return Evaluation.no(CartError.PROMO_EXPIRED, "The promo code expired at " + promo.getValidUntil() + ".");
        }
        if (promo.getCurrency() != null
                && currency != null
                && !promo.getCurrency().equals(currency)) {
            return Evaluation.no(
                    CartError.PROMO_CURRENCY_MISMATCH,
                    "The promo code is for amounts in " + promo.getCurrency() + ", the cart is in " + currency + ".");
        }
        if (subtotal.signum() == 0) {
            return Evaluation.no(CartError.PROMO_MINIMUM_NOT_MET, "The cart has no available items.");
        }
        if (promo.getMinimumOrder() != null && subtotal.compareTo(promo.getMinimumOrder()) < 0) {
            return Evaluation.no(
                    CartError.PROMO_MINIMUM_NOT_MET,
                    "The promo code needs an order of at least "
                            + promo.getMinimumOrder().stripTrailingZeros().toPlainString()
                            + "; the cart's available items come to "
                            + subtotal.toPlainString() + ".");
        }
        int scale = Math.max(subtotal.scale(), 0);
        BigDecimal discount = switch (promo.getDiscountType()) {
            case PERCENT ->
                subtotal.multiply(promo.getDiscountValue())
                        .divide(BigDecimal.valueOf(100), scale, RoundingMode.HALF_UP);
            case FIXED -> promo.getDiscountValue().min(subtotal).setScale(scale, RoundingMode.HALF_UP);
        };
        return new Evaluation(true, discount.min(subtotal), null, null);
    }

    /**
     * @param applicable whether the code gives a discount now
     * @param discount   the amount off (zero when not applicable)
     * @param reason     why not ({@code PROMO_EXPIRED}, {@code PROMO_MINIMUM_NOT_MET}, ...)
     */
    public record Evaluation(boolean applicable, BigDecimal discount, CartError reason, String message) {

        static Evaluation no(CartError reason, String message) {
            return new Evaluation(false, BigDecimal.ZERO, reason, message);
        }
    }
}
