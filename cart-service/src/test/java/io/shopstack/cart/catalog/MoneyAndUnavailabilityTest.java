package io.shopstack.cart.catalog;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The money and "purchasable" rules that carts and wishlists share: pure logic, no servers. */
@Tag("unit")
class MoneyAndUnavailabilityTest {

    @Test
    void amountsAreRoundedHalfUpToTheCurrencysMinorUnits() {
        assertThat(Money.round(new BigDecimal("2.345"), "EUR")).isEqualTo(new BigDecimal("2.35"));
        assertThat(Money.round(new BigDecimal("150.5"), "JPY")).isEqualTo(new BigDecimal("151"));
        assertThat(Money.round(new BigDecimal("1.2345"), "BHD")).isEqualTo(new BigDecimal("1.235"));
    }

    @Test
    void unknownAndPseudoCurrenciesUseTwoDigits() {
        assertThat(Money.fractionDigits("XAU"))
                .as("gold has no minor unit (-1 in ISO 4217 data)")
                .isEqualTo(2);
        assertThat(Money.fractionDigits("NOPE")).isEqualTo(2);
        assertThat(Money.fractionDigits(null)).isEqualTo(2);
        assertThat(Money.zero("JPY")).isEqualTo(new BigDecimal("0"));
    }

    @Test
    void aProductCanBeBoughtWhenItExistsIsActiveAndInStock() {
        assertThat(Unavailability.of(false, true, 1)).isNull();
        assertThat(Unavailability.of(true, true, 5)).isEqualTo(Unavailability.DELETED);
        assertThat(Unavailability.of(false, false, 5)).isEqualTo(Unavailability.INACTIVE);
        assertThat(Unavailability.of(false, true, 0)).isEqualTo(Unavailability.OUT_OF_STOCK);
        assertThat(Unavailability.of(true, false, 0)).as("deleted wins").isEqualTo(Unavailability.DELETED);
    }
}
