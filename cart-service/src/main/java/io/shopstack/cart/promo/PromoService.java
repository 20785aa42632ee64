package io.shopstack.cart.promo;

import io.shopstack.cart.web.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Promo code rules. Applying reserves one use of the code (atomically against its limit) and removing it releases
 * the use, so the limit holds across carts. The cart calls {@link #apply} and {@link #remove} while holding its cart
 * lock, inside its transaction: a rejected code writes nothing.
 */
@Service
public class PromoService {

    private final PromoCodeRepository codes;
    private final CartPromoCodeRepository applied;
    private final Clock clock;

    PromoService(PromoCodeRepository codes, CartPromoCodeRepository applied, Optional<Clock> clock) {
        this.codes = codes;
        this.applied = applied;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The code applied to this cart, if any. */
    @Transactional(readOnly = true)
    public Optional<PromoCode> appliedTo(long cartId) {
        return applied.findById(cartId).flatMap(link -> codes.findById(link.getPromoCodeId()));
    }

    /**
     * Applies {@code code} to the cart whose current (available) subtotal is {@code subtotal} in {@code currency};
     * replaces (and releases) a code applied before. Must run in the cart's transaction, with the cart locked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PromoCode apply(long cartId, String code, BigDecimal subtotal, String currency) {
        PromoCode promo = codes.findByCode(PromoCode.normalize(code)).orElseThrow(() -> ApiProblem.unprocessable(
                "PROMO_UNKNOWN", "Unknown promo code", "The promo code does not exist."));
        Optional<CartPromoCode> current = applied.findById(cartId);
        if (current.isPresent() && current.get().getPromoCodeId().equals(promo.getId())) {
            return promo;
        }
        Evaluation evaluation = evaluate(promo, subtotal, currency);
        if (!evaluation.applicable()) {
            throw rejection(promo, evaluation, subtotal);
        }
        current.ifPresent(link -> {
            applied.delete(link);
            applied.flush();
            codes.releaseUse(link.getPromoCodeId());
        });
        if (codes.reserveUse(promo.getId()) == 0) {
            throw ApiProblem.unprocessable("PROMO_LIMIT_REACHED", "Promo code used up",
                    "The promo code has reached its usage limit.").with("usageLimit", promo.getUsageLimit());
        }
        applied.saveAndFlush(new CartPromoCode(cartId, promo.getId()));
        return promo;
    }

    /** Removes the cart's code and releases its use; false when none was applied. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean remove(long cartId) {
        Optional<CartPromoCode> current = applied.findById(cartId);
        current.ifPresent(link -> {
            applied.delete(link);
            applied.flush();
            codes.releaseUse(link.getPromoCodeId());
        });
        return current.isPresent();
    }

    /** Whether the code gives a discount on this subtotal now, and how much (rounded to the currency's digits). */
    public Evaluation evaluate(PromoCode promo, BigDecimal subtotal, String currency) {
        Instant now = clock.instant();
        if (!promo.isActive()) {
            return Evaluation.no("PROMO_INACTIVE", "The promo code is no longer active.");
        }
        if (promo.notYetValid(now)) {
            return Evaluation.no("PROMO_NOT_YET_VALID", "The promo code is valid from " + promo.getValidFrom() + ".");
        }
        if (promo.expired(now)) {
            return Evaluation.no("PROMO_EXPIRED", "The promo code expired at " + promo.getValidUntil() + ".");
        }
        if (promo.getCurrency() != null && currency != null && !promo.getCurrency().equals(currency)) {
            return Evaluation.no("PROMO_CURRENCY_MISMATCH", "The promo code is for amounts in " + promo.getCurrency()
                    + ", the cart is in " + currency + ".");
        }
        if (subtotal.signum() == 0) {
            return Evaluation.no("PROMO_MINIMUM_NOT_MET", "The cart has no available items.");
        }
        if (promo.getMinimumOrder() != null && subtotal.compareTo(promo.getMinimumOrder()) < 0) {
            return Evaluation.no("PROMO_MINIMUM_NOT_MET", "The promo code needs an order of at least "
                    + promo.getMinimumOrder().stripTrailingZeros().toPlainString() + "; the cart's available items come to "
                    + subtotal.toPlainString() + ".");
        }
        int scale = Math.max(subtotal.scale(), 0);
        BigDecimal discount = switch (promo.getDiscountType()) {
            case PERCENT -> subtotal.multiply(promo.getDiscountValue()).divide(BigDecimal.valueOf(100), scale, RoundingMode.HALF_UP);
            case FIXED -> promo.getDiscountValue().min(subtotal).setScale(scale, RoundingMode.HALF_UP);
        };
        return new Evaluation(true, discount.min(subtotal), null, null);
    }

    private static ApiProblem rejection(PromoCode promo, Evaluation evaluation, BigDecimal subtotal) {
        String title = switch (evaluation.reason()) {
            case "PROMO_EXPIRED" -> "Promo code expired";
            case "PROMO_NOT_YET_VALID" -> "Promo code not yet valid";
            case "PROMO_MINIMUM_NOT_MET" -> "Minimum order not met";
            case "PROMO_CURRENCY_MISMATCH" -> "Promo code in another currency";
            default -> "Promo code not usable";
        };
        ApiProblem problem = ApiProblem.unprocessable(evaluation.reason(), title, evaluation.message());
        if ("PROMO_MINIMUM_NOT_MET".equals(evaluation.reason()) && promo.getMinimumOrder() != null) {
            problem.with("minimumOrder", promo.getMinimumOrder().stripTrailingZeros()).with("subtotal", subtotal);
        }
        return problem;
    }

    /**
     * @param applicable whether the code gives a discount now
     * @param discount   the amount off (zero when not applicable)
     * @param reason     why not ({@code PROMO_EXPIRED}, {@code PROMO_MINIMUM_NOT_MET}, ...)
     */
    public record Evaluation(boolean applicable, BigDecimal discount, String reason, String message) {

        static Evaluation no(String reason, String message) {
            return new Evaluation(false, BigDecimal.ZERO, reason, message);
        }
    }
}
