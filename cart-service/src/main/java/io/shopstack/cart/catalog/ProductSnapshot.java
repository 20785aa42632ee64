package io.shopstack.cart.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a cart or wishlist line remembers of its product: kept current by catalog events (one bulk UPDATE per event)
 * and by live reads at write time; used as the fallback when the catalog cannot be reached.
 */
@Embeddable
public class ProductSnapshot {

    @Column(name = "product_name", nullable = false)
    private String name;

    @Column(name = "unit_price", nullable = false)
    private BigDecimal unitPrice;

    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @Column(name = "category_id")
    private Long categoryId;

    @Column(name = "category_name")
    private String categoryName;

    @Column(name = "stock_quantity", nullable = false)
    private int stockQuantity;

    @Column(name = "product_active", nullable = false)
    private boolean active;

    @Column(name = "product_deleted", nullable = false)
    private boolean deleted;

    @Column(name = "product_version", nullable = false)
    private long version;

    @Column(name = "snapshot_updated_at", nullable = false)
    private Instant updatedAt;

    protected ProductSnapshot() {}

    public static ProductSnapshot of(ProductView product) {
        ProductSnapshot snapshot = new ProductSnapshot();
        snapshot.refresh(product);
        return snapshot;
    }

    /** Takes the live product's data unless this snapshot is already newer (an event overtook the read). */
    public void refresh(ProductView product) {
        if (updatedAt != null && product.version() < version) {
            return;
        }
        name = product.name();
        unitPrice = product.price();
        currency = product.currency();
        categoryId = product.categoryId();
        categoryName = product.categoryName();
        stockQuantity = product.stockQuantity();
        active = product.active();
        deleted = false;
        version = product.version();
        updatedAt = Instant.now();
    }

    /** Why the product, as last known, cannot be bought; null when it can. */
    public Unavailability unavailability() {
        return Unavailability.of(deleted, active, stockQuantity);
    }

    public String getName() {
        return name;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public String getCurrency() {
        return currency;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public String getCategoryName() {
        return categoryName;
    }

    public int getStockQuantity() {
        return stockQuantity;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public long getVersion() {
        return version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
