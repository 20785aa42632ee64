package io.shopstack.cart.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product as product-service returns it ({@code GET /api/products/{id}}, {@code /batch}). {@code price} is an exact
 * decimal; {@code version} is the product's version, the same number catalog events carry as
 * {@code aggregate_version}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductView(
        long id,
        String name,
        String description,
        BigDecimal price,
        String currency,
        int stockQuantity,
        boolean active,
        Long categoryId,
        String categoryName,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Why it cannot be put in a cart now; null when it can (active, at least one unit in stock). */
    public Unavailability unavailability() {
        return Unavailability.of(false, active, stockQuantity);
    }
}
