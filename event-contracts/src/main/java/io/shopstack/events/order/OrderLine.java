package io.shopstack.events.order;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A product and how many of it, as ordered. */
public record OrderLine(
        @JsonProperty("product_id") long productId,
        @JsonProperty("quantity") int quantity) {}
