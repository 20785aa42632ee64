package io.shopstack.events.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** The payload of a {@link CatalogEvent}; its type follows from {@code event_type}. */
public sealed interface CatalogPayload {

    @JsonIgnore
    String aggregateType();

    @JsonIgnore
    long aggregateId();

    /** A payload about one product: its events are keyed and versioned by the product. */
    sealed interface ProductPayload extends CatalogPayload {

        long productId();

        @Override
        default String aggregateType() {
            return "product";
        }

        @Override
        default long aggregateId() {
            return productId();
        }
    }

    /** A payload about one category. */
    sealed interface CategoryPayload extends CatalogPayload {

        long categoryId();

        @Override
        default String aggregateType() {
            return "category";
        }

        @Override
        default long aggregateId() {
            return categoryId();
        }
    }

    /**
     * {@code product.created} / {@code product.updated}: the product's full state after the change, so a consumer
     * never needs to call back. {@code category_id}/{@code category_name} may be null (uncategorised).
     */
    record ProductSnapshot(
            @JsonProperty("product_id") long productId,
            @JsonProperty("name") String name,
            @JsonProperty("price") BigDecimal price,
            @JsonProperty("currency") String currency,
            @JsonProperty("stock_quantity") int stockQuantity,
            @JsonProperty("active") boolean active,
            @JsonProperty("category_id") Long categoryId,
            @JsonProperty("category_name") String categoryName)
            implements ProductPayload {}

    /** {@code product.deleted}. */
    record ProductDeleted(@JsonProperty("product_id") long productId) implements ProductPayload {}

    /** {@code product.price_changed}. Prices are exact decimals (JSON strings), in {@code currency} (ISO 4217). */
    record PriceChanged(
            @JsonProperty("product_id") long productId,
            @JsonProperty("old_price") BigDecimal oldPrice,
            @JsonProperty("new_price") BigDecimal newPrice,
            @JsonProperty("currency") String currency)
            implements ProductPayload {}

    /** {@code product.stock_changed}. */
    record StockChanged(
            @JsonProperty("product_id") long productId,
            @JsonProperty("stock_quantity") int stockQuantity) implements ProductPayload {}

    /** {@code category.updated}, e.g. {@code {"category_id": 1, "name": "Updated Category"}}. */
    record CategoryUpdated(
            @JsonProperty("category_id") long categoryId,
            @JsonProperty("name") String name) implements CategoryPayload {}

    /** {@code category.deleted}: its products become uncategorised (category_id and category_name null). */
    record CategoryDeleted(@JsonProperty("category_id") long categoryId) implements CategoryPayload {}
}
