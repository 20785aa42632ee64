package io.shopstack.events.order;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** A reserved line with the name and price the catalog had when it reserved it: the order's frozen price. */
public record PricedLine(
        @JsonProperty("product_id") long productId,
        @JsonProperty("name") String name,
        @JsonProperty("quantity") int quantity,
        @JsonProperty("unit_price") BigDecimal unitPrice,
        @JsonProperty("currency") String currency) {}
