package io.shopstack.cart.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts as shown to shoppers: rounded half-up to the currency's minor units. */
public final class Money {

    /** For an unknown currency, or one without minor units of its own (ISO 4217 pseudo-currencies such as XAU). */
    static final int DEFAULT_FRACTION_DIGITS = 2;

    private Money() {}

    /** The currency's fraction digits (EUR 2, JPY 0, BHD 3). */
    public static int fractionDigits(String currency) {
        if (currency == null) {
            return DEFAULT_FRACTION_DIGITS;
        }
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? DEFAULT_FRACTION_DIGITS : digits;
        } catch (IllegalArgumentException e) {
            return DEFAULT_FRACTION_DIGITS;
        }
    }

    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(fractionDigits(currency), RoundingMode.HALF_UP);
    }

    /** Zero with the currency's digits. */
    public static BigDecimal zero(String currency) {
        return BigDecimal.ZERO.setScale(fractionDigits(currency), RoundingMode.UNNECESSARY);
    }
}
