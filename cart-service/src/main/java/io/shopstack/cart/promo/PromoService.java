package io.shopstack.cart.promo;

import io.shopstack.cart.CartError;
import io.shopstack.platform.problem.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
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
        PromoCode promo = codes.findByCode(PromoCode.normalize(code))
                .orElseThrow(() -> new DomainException(CartError.PROMO_UNKNOWN, "The promo code does not exist."));
        Optional<CartPromoCode> current = applied.findById(cartId);
        if (current.isPresent() && current.get().getPromoCodeId().equals(promo.getId())) {
            return promo;
        }
        PromoRules.Evaluation evaluation = evaluate(promo, subtotal, currency);
        if (!evaluation.applicable()) {
            throw rejection(promo, evaluation, subtotal);
        }
        current.ifPresent(link -> {
            applied.delete(link);
            applied.flush();
            codes.releaseUse(link.getPromoCodeId());
        });
        if (codes.reserveUse(promo.getId()) == 0) {
            throw new DomainException(CartError.PROMO_LIMIT_REACHED, "The promo code has reached its usage limit.")
                    .with("usageLimit", promo.getUsageLimit());
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

    /** Whether the code gives a discount on this subtotal now, and how much: {@link PromoRules#evaluate}. */
    public PromoRules.Evaluation evaluate(PromoCode promo, BigDecimal subtotal, String currency) {
        return PromoRules.evaluate(promo, subtotal, currency, clock.instant());
    }

    private static DomainException rejection(PromoCode promo, PromoRules.Evaluation evaluation, BigDecimal subtotal) {
        DomainException problem = new DomainException(evaluation.reason(), evaluation.message());
        if (evaluation.reason() == CartError.PROMO_MINIMUM_NOT_MET && promo.getMinimumOrder() != null) {
            problem.with("minimumOrder", promo.getMinimumOrder().stripTrailingZeros())
                    .with("subtotal", subtotal);
        }
        return problem;
    }
}
