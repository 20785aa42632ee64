package io.shopstack.events.catalog;

import java.util.Set;

/** The catalog's event types: dotted {@code <aggregate>.<change>} names. */
public final class EventTypes {

    public static final String PRODUCT_CREATED = "product.created";
    public static final String PRODUCT_UPDATED = "product.updated";
    public static final String PRODUCT_DELETED = "product.deleted";
    public static final String PRODUCT_PRICE_CHANGED = "product.price_changed";
    public static final String PRODUCT_STOCK_CHANGED = "product.stock_changed";
    public static final String CATEGORY_UPDATED = "category.updated";
    public static final String CATEGORY_DELETED = "category.deleted";

    public static final Set<String> ALL = Set.of(
            PRODUCT_CREATED,
            PRODUCT_UPDATED,
            PRODUCT_DELETED,
            PRODUCT_PRICE_CHANGED,
            PRODUCT_STOCK_CHANGED,
            CATEGORY_UPDATED,
            CATEGORY_DELETED);

    private EventTypes() {}
}
