package io.shopstack.cart.cart;

import io.shopstack.cart.CartError;
import io.shopstack.cart.CartProperties;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.catalog.Unavailability;
import io.shopstack.cart.promo.PromoService;
import io.shopstack.platform.problem.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The cart's database work, one transaction each, never calling another service (product data is fetched before,
 * by {@link CartService}). Every change locks the user's cart row first, so changes to one cart are serialised: two
 * concurrent adds of the same product both count, the distinct-items limit holds. A rule that fails throws before
 * anything is flushed, and the transaction rolls back: a rejected request writes nothing.
 */
@Component
public class CartCommands {

    private final CartRepository carts;
    private final PromoService promos;
    private final CartProperties limits;

    CartCommands(CartRepository carts, PromoService promos, CartProperties limits) {
        this.carts = carts;
        this.promos = promos;
        this.limits = limits;
    }

    @Transactional(readOnly = true)
    public CartPricing.Loaded load(String userId) {
        return carts.findWithItems(userId)
                .map(cart -> new CartPricing.Loaded(
                        cart.getId(),
                        cart.getItems().stream().map(CartPricing.Line::of).toList(),
                        promos.appliedTo(cart.getId()).orElse(null),
                        cart.getUpdatedAt()))
                .orElseGet(CartPricing.Loaded::empty);
    }

    /** Adds {@code quantity} of the product (as the catalog just described it) to the user's cart. */
    @Transactional
    public void add(String userId, ProductView product, int quantity) {
        carts.createIfAbsent(userId);
        Cart cart = carts.lockByUserId(userId).orElseThrow();
        requirePurchasable(product);
        Optional<CartItem> existing = cart.itemForProduct(product.id());
        int newQuantity = existing.map(CartItem::getQuantity).orElse(0) + quantity;
        requireQuantity(product, newQuantity);
        if (existing.isPresent()) {
            existing.get().refresh(product);
            existing.get().changeQuantity(newQuantity);
            cart.touch();
            return;
        }
        if (cart.getItems().size() >= limits.maxDistinctItems()) {
            throw new DomainException(
                            CartError.CART_FULL,
                            "A cart holds at most " + limits.maxDistinctItems() + " different products.")
                    .with("maxDistinctItems", limits.maxDistinctItems());
        }
        cart.getItems().stream()
                .filter(item -> !item.getProduct().isDeleted()
                        && !item.getProduct().getCurrency().equals(product.currency()))
                .findFirst()
                .ifPresent(other -> {
                    throw new DomainException(
                            CartError.CURRENCY_MISMATCH,
                            "The product is priced in " + product.currency() + ", the cart in "
                                    + other.getProduct().getCurrency() + ".");
                });
        cart.add(new CartItem(cart, product, quantity));
    }

    /** The line's product id and quantity, for deciding whether a change needs live product data. */
    @Transactional(readOnly = true)
    public CartPricing.Line line(String userId, long itemId) {
        return carts.findWithItems(userId)
                .flatMap(cart -> cart.item(itemId))
                .map(CartPricing.Line::of)
                .orElseThrow(() -> itemNotFound(itemId));
    }

    /** Sets a line's quantity; {@code live} (required for an increase) refreshes the snapshot and checks stock. */
    @Transactional
    public void changeQuantity(String userId, long itemId, int quantity, ProductView live) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(() -> itemNotFound(itemId));
        CartItem item = cart.item(itemId).orElseThrow(() -> itemNotFound(itemId));
        if (live != null) {
            requirePurchasable(live);
            requireQuantity(live, quantity);
            item.refresh(live);
        } else if (quantity > limits.maxQuantityPerItem()) {
            throw quantityLimit();
        }
        item.changeQuantity(quantity);
        cart.touch();
    }

    @Transactional
    public void remove(String userId, long itemId) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(() -> itemNotFound(itemId));
        CartItem item = cart.item(itemId).orElseThrow(() -> itemNotFound(itemId));
        cart.remove(item);
    }

    /** Empties the cart and releases its promo code. */
    @Transactional
    public void clear(String userId) {
        carts.lockByUserId(userId).ifPresent(cart -> {
            cart.clear();
            promos.remove(cart.getId());
        });
    }

    @Transactional
    public void applyPromo(String userId, String code, BigDecimal subtotal, String currency) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(CartCommands::emptyCart);
        if (cart.getItems().isEmpty()) {
            throw emptyCart();
        }
        promos.apply(cart.getId(), code, subtotal, currency);
        cart.touch();
    }

    @Transactional
    public void removePromo(String userId) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(CartCommands::noPromo);
        if (!promos.remove(cart.getId())) {
            throw noPromo();
        }
        cart.touch();
    }

    static DomainException emptyCart() {
        return new DomainException(CartError.CART_EMPTY, "A promo code needs items in the cart.");
    }

    private static DomainException itemNotFound(long itemId) {
        return new DomainException(CartError.NOT_FOUND, "Cart item " + itemId + " was not found.");
    }

    private static DomainException noPromo() {
        return new DomainException(CartError.NOT_FOUND, "A promo code on the cart was not found.");
    }

    private static void requirePurchasable(ProductView product) {
        Unavailability reason = product.unavailability();
        if (reason == Unavailability.OUT_OF_STOCK) {
            throw new DomainException(CartError.OUT_OF_STOCK, "Product " + product.id() + " is out of stock.")
                    .with("productId", product.id());
        }
        if (reason != null) {
            throw new DomainException(
                            CartError.PRODUCT_UNAVAILABLE, "Product " + product.id() + " is not available for sale.")
                    .with("productId", product.id());
        }
    }

    private void requireQuantity(ProductView product, int quantity) {
        if (quantity > limits.maxQuantityPerItem()) {
            throw quantityLimit();
        }
        if (quantity > product.stockQuantity()) {
            throw new DomainException(
                            CartError.INSUFFICIENT_STOCK,
                            "Only " + product.stockQuantity() + " of product " + product.id() + " are in stock.")
                    .with("productId", product.id())
                    .with("availableStock", product.stockQuantity())
                    .with("requestedQuantity", quantity);
        }
    }

    private DomainException quantityLimit() {
        return new DomainException(
                        CartError.QUANTITY_LIMIT,
                        "A cart line holds at most " + limits.maxQuantityPerItem() + " units.")
                .with("maxQuantityPerItem", limits.maxQuantityPerItem());
    }
}
