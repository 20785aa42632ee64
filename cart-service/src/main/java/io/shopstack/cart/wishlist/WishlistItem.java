package io.shopstack.cart.wishlist;

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

import java.time.Instant;

@Entity
@Table(name = "wishlist_items")
public class WishlistItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "wishlist_id", nullable = false, updatable = false)
    private Wishlist wishlist;

    @Column(name = "product_id", nullable = false, updatable = false)
    private long productId;

    @Embedded
    private ProductSnapshot product;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    protected WishlistItem() {}

    WishlistItem(Wishlist wishlist, ProductView product) {
        this.wishlist = wishlist;
        this.productId = product.id();
        this.product = ProductSnapshot.of(product);
        this.addedAt = Instant.now();
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

    public ProductSnapshot getProduct() {
        return product;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
