package io.shopstack.cart.cart;

import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductSnapshot;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.promo.PromoCode;
import io.shopstack.cart.promo.PromoService;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Prices a cart from current product data: each line at the current price, flagged {@code priceChanged} and
 * {@code unavailable} (deleted, inactive, out of stock, or in another currency than the cart — excluded from the
 * totals), {@code stale} when the catalog could not be asked and the line's snapshot is shown instead.
 */
final class CartPricing {

    private CartPricing() {
    }

    /** A cart line as loaded from the database (no lazy entity outside the transaction). */
    record Line(long id, long productId, int quantity, BigDecimal priceWhenAdded, String name, BigDecimal unitPrice,
                String currency, Long categoryId, String categoryName, int stock, boolean active, boolean deleted,
                Instant addedAt) {

        static Line of(CartItem item) {
            ProductSnapshot p = item.getProduct();
            return new Line(item.getId(), item.getProductId(), item.getQuantity(), item.getPriceWhenAdded(), p.getName(),
                    p.getUnitPrice(), p.getCurrency(), p.getCategoryId(), p.getCategoryName(), p.getStockQuantity(),
                    p.isActive(), p.isDeleted(), item.getAddedAt());
        }
    }

    /** The loaded cart: lines and the applied promo code, if any. */
    record Loaded(Long cartId, List<Line> lines, PromoCode promo, Instant updatedAt) {

        static Loaded empty() {
            return new Loaded(null, List.of(), null, null);
        }
    }

    static CartViews.CartView price(Loaded cart, ProductCatalog.Lookup lookup, PromoService promos) {
        List<Current> current = cart.lines().stream().map(line -> current(line, lookup)).toList();
        String currency = current.stream().filter(c -> c.reason() == null).map(Current::currency).findFirst()
                .orElse(current.isEmpty() ? null : current.getFirst().currency());
        int scale = scale(currency);
        List<CartViews.Item> items = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO.setScale(scale, RoundingMode.UNNECESSARY);
        int totalQuantity = 0;
        boolean anyUnavailable = false;
        boolean anyPriceChange = false;
        boolean anyStale = false;
        for (Current c : current) {
            Line line = c.line();
            String reason = c.reason() == null && !c.currency().equals(currency) ? "CURRENCY_MISMATCH" : c.reason();
            boolean unavailable = reason != null;
            BigDecimal unitPrice = money(c.unitPrice(), scale(c.currency()));
            BigDecimal lineTotal = money(c.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), scale(c.currency()));
            boolean priceChanged = c.unitPrice().compareTo(line.priceWhenAdded()) != 0;
            if (!unavailable) {
                subtotal = subtotal.add(lineTotal);
                totalQuantity += line.quantity();
            }
            anyUnavailable |= unavailable;
            anyPriceChange |= priceChanged;
            anyStale |= c.stale();
            items.add(new CartViews.Item(line.id(), line.productId(), c.name(), line.quantity(), unitPrice,
                    money(line.priceWhenAdded(), scale(c.currency())), priceChanged, lineTotal, c.currency(),
                    c.categoryId(), c.categoryName(), unavailable, reason, c.stock(), c.stale(), line.addedAt()));
        }
        CartViews.Promo promo = null;
        BigDecimal discount = BigDecimal.ZERO.setScale(scale, RoundingMode.UNNECESSARY);
        if (cart.promo() != null) {
            PromoCode code = cart.promo();
            PromoService.Evaluation evaluation = promos.evaluate(code, subtotal, currency);
            discount = money(evaluation.discount(), scale);
            promo = new CartViews.Promo(code.getCode(), code.getDescription(), code.getDiscountType().name(),
                    code.getDiscountValue().stripTrailingZeros(), evaluation.applicable(), evaluation.reason(),
                    evaluation.message());
        }
        return new CartViews.CartView(cart.cartId(), List.copyOf(items), items.size(), totalQuantity, currency,
                subtotal, promo, discount, subtotal.subtract(discount), anyUnavailable, anyPriceChange, anyStale,
                cart.updatedAt());
    }

    /** The line's product as known now: live/cached data, "deleted" from the catalog, or the snapshot (stale). */
    private static Current current(Line line, ProductCatalog.Lookup lookup) {
        ProductView live = lookup.found().get(line.productId());
        if (live != null) {
            return new Current(line, live.name(), live.price(), live.currency(), live.categoryId(), live.categoryName(),
                    live.stockQuantity(), reason(false, live.active(), live.stockQuantity()), false);
        }
        if (lookup.absent().contains(line.productId())) {
            return new Current(line, line.name(), line.unitPrice(), line.currency(), line.categoryId(),
                    line.categoryName(), 0, "DELETED", false);
        }
        return new Current(line, line.name(), line.unitPrice(), line.currency(), line.categoryId(), line.categoryName(),
                line.stock(), reason(line.deleted(), line.active(), line.stock()), true);
    }

    private static String reason(boolean deleted, boolean active, int stock) {
        if (deleted) {
            return "DELETED";
        }
        if (!active) {
            return "INACTIVE";
        }
        return stock <= 0 ? "OUT_OF_STOCK" : null;
    }

    static int scale(String currency) {
        if (currency == null) {
            return 2;
        }
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private static BigDecimal money(BigDecimal amount, int scale) {
        return amount.setScale(scale, RoundingMode.HALF_UP);
    }

    private record Current(Line line, String name, BigDecimal unitPrice, String currency, Long categoryId,
                           String categoryName, int stock, String reason, boolean stale) {
    }
}
