package io.shopstack.cart.promo;

import io.shopstack.cart.CartError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Promo code rules: pure logic, no servers. */
@Tag("unit")
class PromoRulesTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aPercentageIsTakenOffTheSubtotalRoundedHalfUp() {
        var evaluation = PromoRules.evaluate(percent("15"), new BigDecimal("19.99"), "EUR", NOW);
        assertThat(evaluation.applicable()).isTrue();
        assertThat(evaluation.discount()).as("2.9985 rounds to 3.00").isEqualTo(new BigDecimal("3.00"));
    }

    @Test
    void aFixedAmountNeverExceedsTheSubtotal() {
        PromoCode tenOff = code(PromoCode.DiscountType.FIXED, "10", "EUR", null, null, null);
        assertThat(PromoRules.evaluate(tenOff, new BigDecimal("25.00"), "EUR", NOW)
                        .discount())
                .isEqualTo(new BigDecimal("10.00"));
        assertThat(PromoRules.evaluate(tenOff, new BigDecimal("4.50"), "EUR", NOW)
                        .discount())
                .isEqualTo(new BigDecimal("4.50"));
    }

    @Test
    void aHundredPercentMakesItFree() {
        assertThat(PromoRules.evaluate(percent("100"), new BigDecimal("42.00"), "EUR", NOW)
                        .discount())
                .isEqualTo(new BigDecimal("42.00"));
    }

    @Test
    void theValidityWindowIsHonouredAtItsEdges() {
        PromoCode window = code(PromoCode.DiscountType.PERCENT, "10", null, null, NOW, NOW.plus(Duration.ofDays(1)));
        assertThat(PromoRules.evaluate(window, BigDecimal.TEN, "EUR", NOW.minusSeconds(1))
                        .reason())
                .isEqualTo(CartError.PROMO_NOT_YET_VALID);
        assertThat(PromoRules.evaluate(window, BigDecimal.TEN, "EUR", NOW).applicable())
                .isTrue();
        assertThat(PromoRules.evaluate(window, BigDecimal.TEN, "EUR", NOW.plus(Duration.ofDays(2)))
                        .reason())
                .isEqualTo(CartError.PROMO_EXPIRED);
    }

    @Test
    void anInactiveCodeGivesNothing() {
        PromoCode code = percent("10");
        code.setActive(false);
        var evaluation = PromoRules.evaluate(code, BigDecimal.TEN, "EUR", NOW);
        assertThat(evaluation.applicable()).isFalse();
        assertThat(evaluation.reason()).isEqualTo(CartError.PROMO_INACTIVE);
        assertThat(evaluation.discount()).isZero();
    }

    @Test
    void aCodeForAnotherCurrencyDoesNotApply() {
        PromoCode dollars = code(PromoCode.DiscountType.FIXED, "5", "USD", null, null, null);
        assertThat(PromoRules.evaluate(dollars, BigDecimal.TEN, "EUR", NOW).reason())
                .isEqualTo(CartError.PROMO_CURRENCY_MISMATCH);
    }

    @Test
    void theMinimumOrderIsCheckedOnTheAvailableSubtotal() {
        PromoCode minimum = code(PromoCode.DiscountType.PERCENT, "10", null, new BigDecimal("20.00"), null, null);
        assertThat(PromoRules.evaluate(minimum, new BigDecimal("19.99"), "EUR", NOW)
                        .reason())
                .isEqualTo(CartError.PROMO_MINIMUM_NOT_MET);
        assertThat(PromoRules.evaluate(minimum, new BigDecimal("20.00"), "EUR", NOW)
                        .applicable())
                .isTrue();
        assertThat(PromoRules.evaluate(percent("10"), new BigDecimal("0.00"), "EUR", NOW)
                        .reason())
                .as("nothing available to discount")
                .isEqualTo(CartError.PROMO_MINIMUM_NOT_MET);
    }

    private static PromoCode percent(String value) {
        return code(PromoCode.DiscountType.PERCENT, value, null, null, null, null);
    }

    private static PromoCode code(
            PromoCode.DiscountType type,
            String value,
            String currency,
            BigDecimal minimumOrder,
            Instant validFrom,
            Instant validUntil) {
        return new PromoCode(
                "TEST", "test", type, new BigDecimal(value), currency, minimumOrder, validFrom, validUntil, null);
    }
}
