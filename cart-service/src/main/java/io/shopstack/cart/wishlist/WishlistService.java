package io.shopstack.cart.wishlist;

import io.shopstack.cart.cart.CartService;
import io.shopstack.cart.cart.CartViews;
import io.shopstack.cart.catalog.Money;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductSnapshot;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.catalog.Unavailability;
import io.shopstack.cart.web.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Wishlist use cases. Like the cart: product data first (outside any transaction), then one short transaction in
 * {@link WishlistCommands}. Reads show the last known data, flagged stale, when the catalog cannot be asked.
 */
@Service
public class WishlistService {

    private final WishlistCommands commands;
    private final ProductCatalog catalog;
    private final CartService carts;

    WishlistService(WishlistCommands commands, ProductCatalog catalog, CartService carts) {
        this.commands = commands;
        this.catalog = catalog;
        this.carts = carts;
    }

    public WishlistViews.WishlistView view(CurrentUser user) {
        WishlistLoaded loaded = commands.load(user.id());
        ProductCatalog.Lookup lookup = loaded.lines().isEmpty()
                ? ProductCatalog.Lookup.empty()
                : catalog.currentProducts(loaded.lines().stream()
                        .map(WishlistLoaded.Line::productId)
                        .toList());
        List<WishlistViews.Item> items =
                loaded.lines().stream().map(line -> item(line, lookup)).toList();
        return new WishlistViews.WishlistView(
                loaded.id(), items, items.size(), items.stream().anyMatch(WishlistViews.Item::stale));
    }

    /** Adds the product (it must exist; inactive or out-of-stock products may be wished for). True if new. */
    public boolean add(CurrentUser user, long productId) {
        return commands.add(user.id(), catalog.requireLive(productId));
    }

    public void remove(CurrentUser user, long itemId) {
        commands.remove(user.id(), itemId);
    }

    /** Adds the wished product to the cart (same rules as adding it directly) and removes it from the wishlist. */
    public CartViews.CartView moveToCart(CurrentUser user, long itemId, int quantity) {
        ProductView product = catalog.requireLive(commands.productOf(user.id(), itemId));
        commands.moveToCart(user.id(), itemId, product, quantity);
        return carts.view(user);
    }

    private static WishlistViews.Item item(WishlistLoaded.Line line, ProductCatalog.Lookup lookup) {
        ProductView live = lookup.found().get(line.productId());
        if (live != null) {
            Unavailability reason = live.unavailability();
            return new WishlistViews.Item(
                    line.id(),
                    line.productId(),
                    live.name(),
                    Money.round(live.price(), live.currency()),
                    live.currency(),
                    live.categoryId(),
                    live.categoryName(),
                    reason != null,
                    reason,
                    false,
                    line.addedAt());
        }
        ProductSnapshot p = line.snapshot();
        boolean absent = lookup.absent().contains(line.productId());
        Unavailability reason = absent ? Unavailability.DELETED : p.unavailability();
        return new WishlistViews.Item(
                line.id(),
                line.productId(),
                p.getName(),
                Money.round(p.getUnitPrice(), p.getCurrency()),
                p.getCurrency(),
                p.getCategoryId(),
                p.getCategoryName(),
                reason != null,
                reason,
                !absent,
                line.addedAt());
    }
}
