package io.shopstack.cart.cart;

import io.shopstack.cart.catalog.ProductLine;
import io.shopstack.cart.catalog.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One product in a cart: quantity, the price when it was first added, and a snapshot of the product. */
@Entity
@Table(name = "cart_items")
public class CartItem extends ProductLine {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cart_id", nullable = false, updatable = false)
    private Cart cart;

    @Column(nullable = false)
    private int quantity;

    @Column(name = "price_when_added", nullable = false, updatable = false)
    private BigDecimal priceWhenAdded;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CartItem() {}

    CartItem(Cart cart, ProductView product, int quantity) {
        super(product);
        this.cart = cart;
        this.quantity = quantity;
        this.priceWhenAdded = product.price();
        this.updatedAt = getAddedAt();
    }

    void changeQuantity(int quantity) {
        this.quantity = quantity;
        this.updatedAt = Instant.now();
    }

    public int getQuantity() {
        return quantity;
    }

    public BigDecimal getPriceWhenAdded() {
        return priceWhenAdded;
    }
}
