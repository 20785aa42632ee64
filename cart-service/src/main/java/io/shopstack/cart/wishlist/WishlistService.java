package io.shopstack.cart.wishlist;

import io.shopstack.cart.CartProperties;
import io.shopstack.cart.cart.CartCommands;
import io.shopstack.cart.cart.CartService;
import io.shopstack.cart.cart.CartViews;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductSnapshot;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.web.ApiProblem;
import io.shopstack.cart.web.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Wishlist use cases. Like the cart: product data first, then one short transaction with the wishlist row locked.
 * Moving an item to the cart adds it to the cart and removes it from the wishlist in one transaction (wishlist lock,
 * then cart lock — the cart never locks a wishlist, so there is no lock cycle).
 */
@Service
public class WishlistService {

    private final WishlistRepository wishlists;
    private final ProductCatalog catalog;
    private final CartCommands cartCommands;
    private final CartService carts;
    private final CartProperties limits;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;

    WishlistService(WishlistRepository wishlists, ProductCatalog catalog, CartCommands cartCommands, CartService carts,
                    CartProperties limits, TransactionTemplate transaction) {
        this.wishlists = wishlists;
        this.catalog = catalog;
        this.cartCommands = cartCommands;
        this.carts = carts;
        this.limits = limits;
        this.transaction = transaction;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    public WishlistViews.WishlistView view(CurrentUser user) {
        Loaded loaded = readOnly.execute(status -> wishlists.findWithItems(user.id())
                .map(w -> new Loaded(w.getId(), w.getItems().stream().map(Line::of).toList()))
                .orElse(new Loaded(null, List.of())));
        ProductCatalog.Lookup lookup = loaded.lines().isEmpty() ? ProductCatalog.Lookup.empty()
                : catalog.currentProducts(loaded.lines().stream().map(Line::productId).toList(), user.authorization());
        List<WishlistViews.Item> items = loaded.lines().stream().map(line -> item(line, lookup)).toList();
        return new WishlistViews.WishlistView(loaded.id(), items, items.size(),
                items.stream().anyMatch(WishlistViews.Item::stale));
    }

    /** Adds the product (it must exist; inactive or out-of-stock products may be wished for). True if new. */
    public boolean add(CurrentUser user, long productId) {
        ProductView product = catalog.requireLive(productId, user.authorization());
        Boolean created = transaction.execute(status -> {
            wishlists.createIfAbsent(user.id());
            Wishlist wishlist = wishlists.lockByUserId(user.id()).orElseThrow();
            var existing = wishlist.itemForProduct(productId);
            if (existing.isPresent()) {
                existing.get().refresh(product);
                return false;
            }
            if (wishlist.getItems().size() >= limits.maxWishlistItems()) {
                throw ApiProblem.unprocessable("WISHLIST_FULL", "Too many items",
                        "A wishlist holds at most " + limits.maxWishlistItems() + " products.")
                        .with("maxWishlistItems", limits.maxWishlistItems());
            }
            wishlist.getItems().add(new WishlistItem(wishlist, product));
            return true;
        });
        return Boolean.TRUE.equals(created);
    }

    public void remove(CurrentUser user, long itemId) {
        transaction.executeWithoutResult(status -> {
            Wishlist wishlist = wishlists.lockByUserId(user.id()).orElseThrow(() -> notFound(itemId));
            WishlistItem item = wishlist.item(itemId).orElseThrow(() -> notFound(itemId));
            wishlist.getItems().remove(item);
        });
    }

    /** Adds the wished product to the cart (same rules as adding it directly) and removes it from the wishlist. */
    public CartViews.CartView moveToCart(CurrentUser user, long itemId, int quantity) {
        long productId = readOnly.execute(status -> wishlists.findWithItems(user.id()).flatMap(w -> w.item(itemId))
                .map(WishlistItem::getProductId).orElseThrow(() -> notFound(itemId)));
        ProductView product = catalog.requireLive(productId, user.authorization());
        transaction.executeWithoutResult(status -> {
            Wishlist wishlist = wishlists.lockByUserId(user.id()).orElseThrow(() -> notFound(itemId));
            WishlistItem item = wishlist.item(itemId).orElseThrow(() -> notFound(itemId));
            cartCommands.add(user.id(), product, quantity);
            wishlist.getItems().remove(item);
        });
        return carts.view(user);
    }

    private static ApiProblem notFound(long itemId) {
        return ApiProblem.notFound("Wishlist item " + itemId);
    }

    private static WishlistViews.Item item(Line line, ProductCatalog.Lookup lookup) {
        ProductView live = lookup.found().get(line.productId());
        if (live != null) {
            return new WishlistViews.Item(line.id(), line.productId(), live.name(), money(live.price(), live.currency()),
                    live.currency(), live.categoryId(), live.categoryName(), !live.purchasable(),
                    reason(false, live.active(), live.stockQuantity()), false, line.addedAt());
        }
        ProductSnapshot p = line.snapshot();
        boolean deleted = lookup.absent().contains(line.productId()) || p.isDeleted();
        boolean stale = !lookup.absent().contains(line.productId());
        return new WishlistViews.Item(line.id(), line.productId(), p.getName(), money(p.getUnitPrice(), p.getCurrency()),
                p.getCurrency(), p.getCategoryId(), p.getCategoryName(), deleted || !p.purchasable(),
                reason(deleted, p.isActive(), p.getStockQuantity()), stale, line.addedAt());
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

    private static BigDecimal money(BigDecimal amount, String currency) {
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return amount.setScale(digits, RoundingMode.HALF_UP);
    }

    private record Loaded(Long id, List<Line> lines) {
    }

    private record Line(long id, long productId, ProductSnapshot snapshot, Instant addedAt) {

        static Line of(WishlistItem item) {
            return new Line(item.getId(), item.getProductId(), item.getProduct(), item.getAddedAt());
        }
    }
}
