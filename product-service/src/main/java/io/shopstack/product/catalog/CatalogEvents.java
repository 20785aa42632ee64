package io.shopstack.product.catalog;

import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.events.catalog.CatalogPayload;
import io.shopstack.events.catalog.EventTypes;

/** Builds the contract's events from the catalog's entities (after the change, with the new versions). */
final class CatalogEvents {

    private CatalogEvents() {}

    static CatalogEvent productSnapshot(String type, Product product) {
        return CatalogEvent.of(
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
                        product.getCategoryName()));
    }

    static CatalogEvent priceChanged(Product product, java.math.BigDecimal oldPrice) {
        return CatalogEvent.of(
                EventTypes.PRODUCT_PRICE_CHANGED,
                product.getVersion(),
                new CatalogPayload.PriceChanged(product.getId(), oldPrice, product.getPrice(), product.getCurrency()));
    }

    static CatalogEvent stockChanged(Product product) {
        return CatalogEvent.of(
                EventTypes.PRODUCT_STOCK_CHANGED,
                product.getVersion(),
                new CatalogPayload.StockChanged(product.getId(), product.getStockQuantity()));
    }

    /** A deleted product's last version + 1, so that the deletion orders after every earlier event. */
    static CatalogEvent productDeleted(Product product) {
        return CatalogEvent.of(
                EventTypes.PRODUCT_DELETED,
                product.getVersion() + 1,
                new CatalogPayload.ProductDeleted(product.getId()));
    }

    static CatalogEvent categoryUpdated(Category category) {
        return CatalogEvent.of(
                EventTypes.CATEGORY_UPDATED,
                category.getVersion(),
                new CatalogPayload.CategoryUpdated(category.getId(), category.getName()));
    }

    static CatalogEvent categoryDeleted(Category category) {
        return CatalogEvent.of(
                EventTypes.CATEGORY_DELETED,
                category.getVersion() + 1,
                new CatalogPayload.CategoryDeleted(category.getId()));
    }
}
