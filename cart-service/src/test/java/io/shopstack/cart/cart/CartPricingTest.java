package io.shopstack.cart.cart;

import io.shopstack.cart.CartError;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.catalog.Unavailability;
import io.shopstack.cart.promo.PromoCode;
import io.shopstack.cart.promo.PromoRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pricing a cart from current product data: pure logic, no servers. */
@Tag("unit")
class CartPricingTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final PromoRules.Evaluator AT_NOW =
            (promo, subtotal, currency) -> PromoRules.evaluate(promo, subtotal, currency, NOW);

    @Test
    void linesAreTotalledToTheCentHalfUp() {
        var cart = cart(line(1, 3, "9.90", "EUR"), line(2, 3, "0.105", "EUR"));
        var view = CartPricing.price(cart, live(product(1, "9.90", "EUR", 10), product(2, "0.105", "EUR", 10)), AT_NOW);
        assertThat(item(view, 1).lineTotal()).isEqualTo(new BigDecimal("29.70"));
        assertThat(item(view, 2).unitPrice()).isEqualTo(new BigDecimal("0.11"));
        assertThat(item(view, 2).lineTotal()).as("0.315 rounds half up").isEqualTo(new BigDecimal("0.32"));
        assertThat(view.subtotal()).isEqualTo(new BigDecimal("30.02"));
        assertThat(view.total()).isEqualTo(new BigDecimal("30.02"));
        assertThat(view.totalQuantity()).isEqualTo(6);
        assertThat(view.stale()).isFalse();
    }

    @Test
    void aCurrencyWithoutMinorUnitsHasNoDecimals() {
        var view = CartPricing.price(cart(line(1, 2, "150", "JPY")), live(product(1, "150.4", "JPY", 5)), AT_NOW);
        assertThat(view.subtotal()).isEqualTo(new BigDecimal("301"));
        assertThat(view.currency()).isEqualTo("JPY");
    }

    @Test
    void priceChangesAreFlaggedAndThePriceWhenAddedKept() {
        var view = CartPricing.price(cart(line(1, 1, "30.00", "EUR")), live(product(1, "27.50", "EUR", 5)), AT_NOW);
        assertThat(item(view, 1).priceChanged()).isTrue();
        assertThat(item(view, 1).priceWhenAdded()).isEqualTo(new BigDecimal("30.00"));
        assertThat(view.hasPriceChanges()).isTrue();
        assertThat(view.subtotal()).isEqualTo(new BigDecimal("27.50"));
    }

    @Test
    void unavailableLinesAreShownWithTheirReasonButLeaveTheTotals() {
        ProductView inactive = new ProductView(
                2, "Toaster", null, new BigDecimal("25.00"), "EUR", 4, false, 3L, "Kitchen", 1, null, null);
        var lookup = new ProductCatalog.Lookup(
                Map.of(
                        1L,
                        product(1, "5.00", "EUR", 10),
                        2L,
                        inactive,
                        3L,
                        product(3, "4.00", "EUR", 0),
                        5L,
                        product(5, "2.00", "USD", 10)),
                Set.of(4L),
                Set.of());
        var view = CartPricing.price(
                cart(
                        line(1, 1, "5.00", "EUR"),
                        line(2, 1, "25.00", "EUR"),
                        line(3, 1, "4.00", "EUR"),
                        line(4, 1, "3.00", "EUR"),
                        line(5, 1, "2.00", "USD")),
                lookup,
                AT_NOW);
        assertThat(item(view, 2).unavailableReason()).isEqualTo(Unavailability.INACTIVE);
        assertThat(item(view, 3).unavailableReason()).isEqualTo(Unavailability.OUT_OF_STOCK);
        assertThat(item(view, 4).unavailableReason()).isEqualTo(Unavailability.DELETED);
        assertThat(item(view, 5).unavailableReason()).isEqualTo(Unavailability.CURRENCY_MISMATCH);
        assertThat(item(view, 1).unavailable()).isFalse();
        assertThat(view.subtotal()).isEqualTo(new BigDecimal("5.00"));
        assertThat(view.hasUnavailableItems()).isTrue();
    }

    @Test
    void whenTheCatalogCannotBeAskedTheSnapshotIsShownAsStale() {
        var lookup = new ProductCatalog.Lookup(Map.of(), Set.of(), Set.of(1L));
        var view = CartPricing.price(cart(line(1, 2, "9.90", "EUR")), lookup, AT_NOW);
        assertThat(item(view, 1).stale()).isTrue();
        assertThat(view.stale()).isTrue();
        assertThat(view.subtotal()).isEqualTo(new BigDecimal("19.80"));
    }

    @Test
    void aPromoCodeDiscountsTheAvailableSubtotalOrSaysWhyNot() {
        PromoCode tenPercent = new PromoCode(
                "TEN",
                "10 % off",
                PromoCode.DiscountType.PERCENT,
                new BigDecimal("10"),
                null,
                new BigDecimal("20.00"),
                null,
                null,
                null);
        var withPromo = new CartPricing.Loaded(1L, List.of(line(1, 3, "9.99", "EUR")), tenPercent, NOW);
        var view = CartPricing.price(withPromo, live(product(1, "9.99", "EUR", 10)), AT_NOW);
        assertThat(view.discount()).isEqualTo(new BigDecimal("3.00"));
        assertThat(view.total()).isEqualTo(new BigDecimal("26.97"));
        assertThat(view.promo().applicable()).isTrue();

        var tooSmall = new CartPricing.Loaded(1L, List.of(line(1, 1, "9.99", "EUR")), tenPercent, NOW);
        var notApplied = CartPricing.price(tooSmall, live(product(1, "9.99", "EUR", 10)), AT_NOW);
        assertThat(notApplied.promo().notApplicableReason()).isEqualTo(CartError.PROMO_MINIMUM_NOT_MET);
        assertThat(notApplied.discount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(notApplied.total()).isEqualTo(new BigDecimal("9.99"));
    }

    @Test
    void anEmptyCartCostsNothing() {
        var view = CartPricing.price(CartPricing.Loaded.empty(), ProductCatalog.Lookup.empty(), AT_NOW);
        assertThat(view.items()).isEmpty();
        assertThat(view.total()).isEqualTo(new BigDecimal("0.00"));
        assertThat(view.currency()).isNull();
    }

    private static CartPricing.Loaded cart(CartPricing.Line... lines) {
        return new CartPricing.Loaded(1L, List.of(lines), null, NOW);
    }

    /** Line id = product id, for short assertions. */
    private static CartPricing.Line line(long productId, int quantity, String priceWhenAdded, String currency) {
        return new CartPricing.Line(
                productId,
                productId,
                quantity,
                new BigDecimal(priceWhenAdded),
                "Product " + productId,
                new BigDecimal(priceWhenAdded),
                currency,
                3L,
                "Kitchen",
                10,
                true,
                false,
                NOW);
    }

    private static ProductView product(long id, String price, String currency, int stock) {
        return new ProductView(
                id, "Product " + id, null, new BigDecimal(price), currency, stock, true, 3L, "Kitchen", 1, null, null);
    }

    private static ProductCatalog.Lookup live(ProductView... products) {
        return new ProductCatalog.Lookup(
                java.util.Arrays.stream(products).collect(java.util.stream.Collectors.toMap(ProductView::id, p -> p)),
                Set.of(),
                Set.of());
    }

    private static CartViews.Item item(CartViews.CartView view, long productId) {
        return view.items().stream()
                .filter(item -> item.productId() == productId)
                .findFirst()
                .orElseThrow();
    }
}
