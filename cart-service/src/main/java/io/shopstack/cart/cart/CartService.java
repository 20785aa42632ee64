package io.shopstack.cart.cart;

import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.promo.PromoService;
import io.shopstack.cart.web.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Cart use cases: product data first (outside any transaction: no database connection is held while the catalog is
 * asked), then one short transaction in {@link CartCommands}. Reads never fail because of the catalog (snapshots,
 * flagged stale); writes that need product data fail with 503 when it cannot be had, before anything is written.
 */
@Service
public class CartService {

    private final CartCommands commands;
    private final ProductCatalog catalog;
    private final PromoService promos;

    CartService(CartCommands commands, ProductCatalog catalog, PromoService promos) {
        this.commands = commands;
        this.catalog = catalog;
        this.promos = promos;
    }

    public CartViews.CartView view(CurrentUser user) {
        CartPricing.Loaded cart = commands.load(user.id());
        List<Long> productIds =
                cart.lines().stream().map(CartPricing.Line::productId).toList();
        ProductCatalog.Lookup lookup =
                productIds.isEmpty() ? ProductCatalog.Lookup.empty() : catalog.currentProducts(productIds);
        return CartPricing.price(cart, lookup, promos::evaluate);
    }

    public CartViews.CartView add(CurrentUser user, long productId, int quantity) {
        ProductView product = catalog.requireLive(productId);
        commands.add(user.id(), product, quantity);
        return view(user);
    }

    public CartViews.CartView changeQuantity(CurrentUser user, long itemId, int quantity) {
        CartPricing.Line line = commands.line(user.id(), itemId);
        ProductView live = quantity > line.quantity() ? catalog.requireLive(line.productId()) : null;
        commands.changeQuantity(user.id(), itemId, quantity, live);
        return view(user);
    }

    public CartViews.CartView remove(CurrentUser user, long itemId) {
        commands.remove(user.id(), itemId);
        return view(user);
    }

    public void clear(CurrentUser user) {
        commands.clear(user.id());
    }

    /** Checks the code against the cart as priced now (minimum order on the available items), then applies it. */
    public CartViews.CartView applyPromo(CurrentUser user, String code) {
        CartViews.CartView current = view(user);
        if (current.items().isEmpty()) {
            throw CartCommands.emptyCart();
        }
        commands.applyPromo(user.id(), code, current.subtotal(), current.currency());
        return view(user);
    }

    public CartViews.CartView removePromo(CurrentUser user) {
        commands.removePromo(user.id());
        return view(user);
    }
}
