package io.shopstack.cart.wishlist;

import io.shopstack.cart.CartError;
import io.shopstack.cart.CartProperties;
import io.shopstack.cart.cart.CartCommands;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.platform.problem.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The wishlist's database work, one transaction each, never calling another service (product data is fetched before,
 * by {@link WishlistService}). Every change locks the user's wishlist row first. Moving an item to the cart adds it
 * to the cart and removes it from the wishlist in one transaction (wishlist lock, then cart lock — the cart never
 * locks a wishlist, so there is no lock cycle).
 */
@Component
class WishlistCommands {

    private final WishlistRepository wishlists;
    private final CartCommands cartCommands;
    private final CartProperties limits;

    WishlistCommands(WishlistRepository wishlists, CartCommands cartCommands, CartProperties limits) {
        this.wishlists = wishlists;
        this.cartCommands = cartCommands;
        this.limits = limits;
    }

    @Transactional(readOnly = true)
    WishlistLoaded load(String userId) {
        return wishlists
                .findWithItems(userId)
                .map(w -> new WishlistLoaded(
                        w.getId(),
                        w.getItems().stream().map(WishlistLoaded.Line::of).toList()))
                .orElse(new WishlistLoaded(null, List.of()));
    }

    /** The wished product's id, for fetching it before the move. */
    @Transactional(readOnly = true)
    long productOf(String userId, long itemId) {
        return wishlists
                .findWithItems(userId)
                .flatMap(w -> w.item(itemId))
                .map(WishlistItem::getProductId)
                .orElseThrow(() -> notFound(itemId));
    }

    /** Adds the product, or refreshes its snapshot when it is there already. True if new. */
    @Transactional
    boolean add(String userId, ProductView product) {
        wishlists.createIfAbsent(userId);
        Wishlist wishlist = wishlists.lockByUserId(userId).orElseThrow();
        var existing = wishlist.itemForProduct(product.id());
        if (existing.isPresent()) {
            existing.get().refresh(product);
            return false;
        }
        if (wishlist.getItems().size() >= limits.maxWishlistItems()) {
            throw new DomainException(
                            CartError.WISHLIST_FULL,
                            "A wishlist holds at most " + limits.maxWishlistItems() + " products.")
                    .with("maxWishlistItems", limits.maxWishlistItems());
        }
        wishlist.getItems().add(new WishlistItem(wishlist, product));
        return true;
    }

    @Transactional
    void remove(String userId, long itemId) {
        Wishlist wishlist = wishlists.lockByUserId(userId).orElseThrow(() -> notFound(itemId));
        WishlistItem item = wishlist.item(itemId).orElseThrow(() -> notFound(itemId));
        wishlist.getItems().remove(item);
    }

    /** Adds the product to the cart (the cart's rules apply) and removes the item from the wishlist, atomically. */
    @Transactional
    void moveToCart(String userId, long itemId, ProductView product, int quantity) {
        Wishlist wishlist = wishlists.lockByUserId(userId).orElseThrow(() -> notFound(itemId));
        WishlistItem item = wishlist.item(itemId).orElseThrow(() -> notFound(itemId));
        cartCommands.add(userId, product, quantity);
        wishlist.getItems().remove(item);
    }

    private static DomainException notFound(long itemId) {
        return new DomainException(CartError.NOT_FOUND, "Wishlist item " + itemId + " was not found.");
    }
}
