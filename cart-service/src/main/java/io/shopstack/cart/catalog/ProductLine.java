package io.shopstack.cart.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * A line that holds a product: a cart item or a wishlist item. The product id (no foreign key: the product lives in
 * another service), a snapshot of the product as last known (kept current by catalog events and live reads), and
 * when it was added.
 */
@MappedSuperclass
public abstract class ProductLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "product_id", nullable = false, updatable = false)
    private long productId;

    @Embedded
    private ProductSnapshot product;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    protected ProductLine() {}

    protected ProductLine(ProductView product) {
        this.productId = product.id();
        this.product = ProductSnapshot.of(product);
        this.addedAt = Instant.now();
    }

    /** The catalog's current data replaces the snapshot. */
    public void refresh(ProductView live) {
        product.refresh(live);
    }

    public Long getId() {
        return id;
    }

    public long getProductId() {
        return productId;
    }

    public ProductSnapshot getProduct() {
        return product;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
