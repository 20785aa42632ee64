package io.shopstack.cart.promo;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** Why a promo code cannot be applied or created; also the reason an applied code gives no discount. See {@code docs/problems.md}. */
public enum PromoError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    PROMO_UNKNOWN(Outcome.REJECTED, "Unknown promo code"),
    PROMO_INACTIVE(Outcome.REJECTED, "Promo code not usable"),
    PROMO_NOT_YET_VALID(Outcome.REJECTED, "Promo code not yet valid"),
    PROMO_EXPIRED(Outcome.REJECTED, "Promo code expired"),
    PROMO_CURRENCY_MISMATCH(Outcome.REJECTED, "Promo code in another currency"),
    PROMO_MINIMUM_NOT_MET(Outcome.REJECTED, "Minimum order not met"),
    PROMO_LIMIT_REACHED(Outcome.REJECTED, "Promo code used up"),
    PROMO_INVALID(Outcome.REJECTED, "Invalid promo code"),
    PROMO_EXISTS(Outcome.CONFLICT, "Promo code exists");

    private final Outcome outcome;
    private final String title;

    PromoError(Outcome outcome, String title) {
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
