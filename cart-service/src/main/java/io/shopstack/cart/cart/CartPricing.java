package io.shopstack.cart.cart;

import io.shopstack.cart.catalog.Money;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductSnapshot;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.catalog.Unavailability;
import io.shopstack.cart.promo.PromoCode;
import io.shopstack.cart.promo.PromoRules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a cart from current product data: each line at the current price, flagged {@code priceChanged} and
 * {@code unavailable} (deleted, inactive, out of stock, or in another currency than the cart — excluded from the
 * totals), {@code stale} when the catalog could not be asked and the line's snapshot is shown instead.
 */
final class CartPricing {

    private CartPricing() {}

    /** A cart line as loaded from the database (no lazy entity outside the transaction). */
    record Line(
            long id,
            long productId,
            int quantity,
            BigDecimal priceWhenAdded,
            String name,
            BigDecimal unitPrice,
            String currency,
            Long categoryId,
            String categoryName,
            int stock,
            boolean active,
            boolean deleted,
            Instant addedAt) {

        static Line of(CartItem item) {
            ProductSnapshot p = item.getProduct();
            return new Line(
                    item.getId(),
                    item.getProductId(),
                    item.getQuantity(),
                    item.getPriceWhenAdded(),
                    p.getName(),
                    p.getUnitPrice(),
                    p.getCurrency(),
                    p.getCategoryId(),
                    p.getCategoryName(),
                    p.getStockQuantity(),
                    p.isActive(),
                    p.isDeleted(),
                    item.getAddedAt());
        }
    }

    /** The loaded cart: lines and the applied promo code, if any. */
    record Loaded(Long cartId, List<Line> lines, PromoCode promo, Instant updatedAt) {

        static Loaded empty() {
            return new Loaded(null, List.of(), null, null);
        }
    }

    static CartViews.CartView price(Loaded cart, ProductCatalog.Lookup lookup, PromoRules.Evaluator promos) {
        List<Current> current =
                cart.lines().stream().map(line -> current(line, lookup)).toList();
        String currency = current.stream()
                .filter(c -> c.reason() == null)
                .map(Current::currency)
                .findFirst()
                .orElse(current.isEmpty() ? null : current.getFirst().currency());
        List<CartViews.Item> items = new ArrayList<>();
        BigDecimal subtotal = Money.zero(currency);
        int totalQuantity = 0;
        boolean anyUnavailable = false;
        boolean anyPriceChange = false;
        boolean anyStale = false;
        for (Current c : current) {
            Line line = c.line();
            Unavailability reason = c.reason() == null && !c.currency().equals(currency)
                    ? Unavailability.CURRENCY_MISMATCH
                    : c.reason();
            boolean unavailable = reason != null;
            BigDecimal unitPrice = Money.round(c.unitPrice(), c.currency());
            BigDecimal lineTotal =
                    Money.round(c.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), c.currency());
            boolean priceChanged = c.unitPrice().compareTo(line.priceWhenAdded()) != 0;
            if (!unavailable) {
                subtotal = subtotal.add(lineTotal);
                totalQuantity += line.quantity();
            }
            anyUnavailable |= unavailable;
            anyPriceChange |= priceChanged;
            anyStale |= c.stale();
            items.add(new CartViews.Item(
                    line.id(),
                    line.productId(),
                    c.name(),
                    line.quantity(),
                    unitPrice,
                    Money.round(line.priceWhenAdded(), c.currency()),
                    priceChanged,
                    lineTotal,
                    c.currency(),
                    c.categoryId(),
                    c.categoryName(),
                    unavailable,
                    reason,
                    c.stock(),
                    c.stale(),
                    line.addedAt()));
        }
        CartViews.Promo promo = null;
        BigDecimal discount = Money.zero(currency);
        if (cart.promo() != null) {
            PromoCode code = cart.promo();
            PromoRules.Evaluation evaluation = promos.evaluate(code, subtotal, currency);
            discount = Money.round(evaluation.discount(), currency);
            promo = new CartViews.Promo(
                    code.getCode(),
                    code.getDescription(),
                    code.getDiscountType().name(),
                    code.getDiscountValue().stripTrailingZeros(),
                    evaluation.applicable(),
                    evaluation.reason(),
                    evaluation.message());
        }
        return new CartViews.CartView(
                cart.cartId(),
                List.copyOf(items),
                items.size(),
                totalQuantity,
                currency,
                subtotal,
                promo,
                discount,
                subtotal.subtract(discount),
                anyUnavailable,
                anyPriceChange,
                anyStale,
                cart.updatedAt());
    }

    /** The line's product as known now: live/cached data, "deleted" from the catalog, or the snapshot (stale). */
    private static Current current(Line line, ProductCatalog.Lookup lookup) {
        ProductView live = lookup.found().get(line.productId());
        if (live != null) {
            return new Current(
                    line,
                    live.name(),
                    live.price(),
                    live.currency(),
                    live.categoryId(),
                    live.categoryName(),
                    live.stockQuantity(),
                    live.unavailability(),
                    false);
        }
        // Not live: deleted according to the catalog, or unknown (the catalog could not be asked: the snapshot, stale).
        boolean deleted = lookup.absent().contains(line.productId());
        return new Current(
                line,
                line.name(),
                line.unitPrice(),
                line.currency(),
                line.categoryId(),
                line.categoryName(),
                deleted ? 0 : line.stock(),
                deleted ? Unavailability.DELETED : Unavailability.of(line.deleted(), line.active(), line.stock()),
                !deleted);
    }

    private record Current(
            Line line,
            String name,
            BigDecimal unitPrice,
            String currency,
            Long categoryId,
            String categoryName,
            int stock,
            Unavailability reason,
            boolean stale) {}
}
