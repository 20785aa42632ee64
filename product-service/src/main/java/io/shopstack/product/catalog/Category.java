package io.shopstack.product.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "categories")
public class Category extends CatalogEntity {

    @Column(nullable = false, length = 100)
    private String name;

    private String description;

    protected Category() {}

    Category(String name, String description) {
        this.name = name;
        this.description = description;
    }

    void rename(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }
}
