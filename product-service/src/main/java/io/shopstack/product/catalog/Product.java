package io.shopstack.product.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/**
 * A product. {@code categoryId} is a plain column (no foreign key: categories may move to their own service) and
 * {@code categoryName} is denormalised so that readers and events need no join.
 */
@Entity
@Table(name = "products")
public class Product extends CatalogEntity {

    @Column(nullable = false, length = 200)
    private String name;

    private String description;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "stock_quantity", nullable = false)
    private int stockQuantity;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "category_id")
    private Long categoryId;

    @Column(name = "category_name", length = 100)
    private String categoryName;

    protected Product() {}

    Product(
            String name,
            String description,
            BigDecimal price,
            String currency,
            int stockQuantity,
            boolean active,
            Category category) {
        describe(name, description, active);
        this.price = price;
        this.currency = currency;
        this.stockQuantity = stockQuantity;
        categorise(category);
    }

    void describe(String name, String description, boolean active) {
        this.name = name;
        this.description = description;
        this.active = active;
    }

    void reprice(BigDecimal price, String currency) {
        this.price = price;
        this.currency = currency;
    }

    void restock(int stockQuantity) {
        this.stockQuantity = stockQuantity;
    }

    void categorise(Category category) {
        this.categoryId = category == null ? null : category.getId();
        this.categoryName = category == null ? null : category.getName();
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public String getCurrency() {
        return currency;
    }

    public int getStockQuantity() {
        return stockQuantity;
    }

    public boolean isActive() {
        return active;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public String getCategoryName() {
        return categoryName;
    }
}
