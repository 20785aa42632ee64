package io.shopstack.cart.cart;

import io.shopstack.cart.catalog.ProductSnapshot;
import io.shopstack.cart.catalog.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One product in a cart: quantity, the price when it was first added, and a snapshot of the product. */
@Entity
@Table(name = "cart_items")
public class CartItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cart_id", nullable = false, updatable = false)
    private Cart cart;

    @Column(name = "product_id", nullable = false, updatable = false)
    private long productId;

    @Column(nullable = false)
    private int quantity;

    @Column(name = "price_when_added", nullable = false, updatable = false)
    private BigDecimal priceWhenAdded;

    @Embedded
    private ProductSnapshot product;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CartItem() {}

    CartItem(Cart cart, ProductView product, int quantity) {
        this.cart = cart;
        this.productId = product.id();
        this.quantity = quantity;
        this.priceWhenAdded = product.price();
        this.product = ProductSnapshot.of(product);
        this.addedAt = Instant.now();
        this.updatedAt = addedAt;
    }

    void changeQuantity(int quantity) {
        this.quantity = quantity;
        this.updatedAt = Instant.now();
    }

    void refresh(ProductView live) {
        product.refresh(live);
    }

    public Long getId() {
        return id;
    }

    public long getProductId() {
        return productId;
    }

    public int getQuantity() {
        return quantity;
    }

    public BigDecimal getPriceWhenAdded() {
        return priceWhenAdded;
    }

    public ProductSnapshot getProduct() {
        return product;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
