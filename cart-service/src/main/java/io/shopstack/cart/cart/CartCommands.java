package io.shopstack.cart.cart;

import io.shopstack.cart.CartProperties;
import io.shopstack.cart.catalog.ProductView;
import io.shopstack.cart.promo.PromoService;
import io.shopstack.cart.web.ApiProblem;
import org.springframework.http.HttpStatus;
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
        return carts.findWithItems(userId).map(cart -> new CartPricing.Loaded(cart.getId(),
                        cart.getItems().stream().map(CartPricing.Line::of).toList(),
                        promos.appliedTo(cart.getId()).orElse(null), cart.getUpdatedAt()))
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
            throw ApiProblem.unprocessable("CART_FULL", "Too many items",
                    "A cart holds at most " + limits.maxDistinctItems() + " different products.")
                    .with("maxDistinctItems", limits.maxDistinctItems());
        }
        cart.getItems().stream()
                .filter(item -> !item.getProduct().isDeleted() && !item.getProduct().getCurrency().equals(product.currency()))
                .findFirst()
                .ifPresent(other -> {
                    throw ApiProblem.unprocessable("CURRENCY_MISMATCH", "Different currency",
                            "The product is priced in " + product.currency() + ", the cart in "
                                    + other.getProduct().getCurrency() + ".");
                });
        cart.add(new CartItem(cart, product, quantity));
    }

    /** The line's product id and quantity, for deciding whether a change needs live product data. */
    @Transactional(readOnly = true)
    public CartPricing.Line line(String userId, long itemId) {
        return carts.findWithItems(userId).flatMap(cart -> cart.item(itemId)).map(CartPricing.Line::of)
                .orElseThrow(() -> ApiProblem.notFound("Cart item " + itemId));
    }

    /** Sets a line's quantity; {@code live} (required for an increase) refreshes the snapshot and checks stock. */
    @Transactional
    public void changeQuantity(String userId, long itemId, int quantity, ProductView live) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(() -> ApiProblem.notFound("Cart item " + itemId));
        CartItem item = cart.item(itemId).orElseThrow(() -> ApiProblem.notFound("Cart item " + itemId));
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
        Cart cart = carts.lockByUserId(userId).orElseThrow(() -> ApiProblem.notFound("Cart item " + itemId));
        CartItem item = cart.item(itemId).orElseThrow(() -> ApiProblem.notFound("Cart item " + itemId));
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
        Cart cart = carts.lockByUserId(userId).orElseThrow(this::emptyCart);
        if (cart.getItems().isEmpty()) {
            throw emptyCart();
        }
        promos.apply(cart.getId(), code, subtotal, currency);
        cart.touch();
    }

    @Transactional
    public void removePromo(String userId) {
        Cart cart = carts.lockByUserId(userId).orElseThrow(() -> ApiProblem.notFound("A promo code on the cart"));
        if (!promos.remove(cart.getId())) {
            throw ApiProblem.notFound("A promo code on the cart");
        }
        cart.touch();
    }

    private ApiProblem emptyCart() {
        return ApiProblem.unprocessable("CART_EMPTY", "Cart is empty", "A promo code needs items in the cart.");
    }

    private static void requirePurchasable(ProductView product) {
        if (!product.active()) {
            throw ApiProblem.unprocessable("PRODUCT_UNAVAILABLE", "Product unavailable",
                    "Product " + product.id() + " is not available for sale.").with("productId", product.id());
        }
        if (product.stockQuantity() <= 0) {
            throw ApiProblem.unprocessable("OUT_OF_STOCK", "Out of stock",
                    "Product " + product.id() + " is out of stock.").with("productId", product.id());
        }
    }

    private void requireQuantity(ProductView product, int quantity) {
        if (quantity > limits.maxQuantityPerItem()) {
            throw quantityLimit();
        }
        if (quantity > product.stockQuantity()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "INSUFFICIENT_STOCK", "Not enough stock",
                    "Only " + product.stockQuantity() + " of product " + product.id() + " are in stock.")
                    .with("productId", product.id()).with("availableStock", product.stockQuantity())
                    .with("requestedQuantity", quantity);
        }
    }

    private ApiProblem quantityLimit() {
        return ApiProblem.unprocessable("QUANTITY_LIMIT", "Quantity too large",
                "A cart line holds at most " + limits.maxQuantityPerItem() + " units.")
                .with("maxQuantityPerItem", limits.maxQuantityPerItem());
    }
}
