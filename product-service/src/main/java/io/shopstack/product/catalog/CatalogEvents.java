package io.shopstack.product.catalog;

import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.events.catalog.CatalogPayload;
import io.shopstack.events.catalog.EventTypes;
import io.shopstack.outbox.OutboxMessage;

/** Builds the contract's events from the catalog's entities (after the change, with the new versions). */
public final class CatalogEvents {

    /** The output binding of catalog events (topic {@value CatalogEvent#TOPIC}). */
    public static final String BINDING = "catalogEvents-out-0";

    private CatalogEvents() {}

    static OutboxMessage message(CatalogEvent event) {
        return new OutboxMessage(
                BINDING,
                event.eventId(),
                event.eventType(),
                event.aggregateType(),
                event.aggregateId(),
                event.aggregateVersion(),
                event.partitionKey(),
                event);
    }

    static OutboxMessage productSnapshot(String type, Product product) {
        return message(CatalogEvent.of(
                type,
                product.getVersion(),
                new CatalogPayload.ProductSnapshot(
                        product.getId(),
                        product.getName(),
                        product.getPrice(),
                        product.getCurrency(),
                        product.getStockQuantity(),
                        product.isActive(),
                        product.getCategoryId(),
                        product.getCategoryName())));
    }

    static OutboxMessage priceChanged(Product product, java.math.BigDecimal oldPrice) {
        return message(CatalogEvent.of(
                EventTypes.PRODUCT_PRICE_CHANGED,
                product.getVersion(),
                new CatalogPayload.PriceChanged(product.getId(), oldPrice, product.getPrice(), product.getCurrency())));
    }

    static OutboxMessage stockChanged(Product product) {
        return stockChanged(product.getId(), product.getStockQuantity(), product.getVersion());
    }

    /** A stock change made without the entity (the reservations' conditional updates). */
    public static OutboxMessage stockChanged(long productId, int stockQuantity, long version) {
        return message(CatalogEvent.of(
                EventTypes.PRODUCT_STOCK_CHANGED, version, new CatalogPayload.StockChanged(productId, stockQuantity)));
    }

    /** A deleted product's last version + 1, so that the deletion orders after every earlier event. */
    static OutboxMessage productDeleted(Product product) {
        return message(CatalogEvent.of(
                EventTypes.PRODUCT_DELETED,
                product.getVersion() + 1,
                new CatalogPayload.ProductDeleted(product.getId())));
    }

    static OutboxMessage categoryUpdated(Category category) {
        return message(CatalogEvent.of(
                EventTypes.CATEGORY_UPDATED,
                category.getVersion(),
                new CatalogPayload.CategoryUpdated(category.getId(), category.getName())));
    }

    static OutboxMessage categoryDeleted(Category category) {
        return message(CatalogEvent.of(
                EventTypes.CATEGORY_DELETED,
                category.getVersion() + 1,
                new CatalogPayload.CategoryDeleted(category.getId())));
    }
}
