package io.shopstack.cart.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A category as product-service returns it ({@code GET /api/categories/{id}}); {@code version} is the same number
 * category events carry as {@code aggregate_version}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CategoryView(long id, String name, long version) {}
