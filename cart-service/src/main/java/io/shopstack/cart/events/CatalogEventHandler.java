package io.shopstack.cart.events;

import io.shopstack.cart.catalog.ProductCache;
import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.events.catalog.CatalogPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;

/**
 * Applies one catalog event to the carts and wishlists, in one transaction:
 * <ol>
 *   <li>records the event id in {@code processed_events} — a second delivery of the same id changes nothing;</li>
 *   <li>advances the aggregate's applied version in {@code aggregate_versions} — an event not newer than what was
 *       applied is ignored (recorded as {@code STALE});</li>
 *   <li>one bulk UPDATE per table by product (or category) id, indexed — never a scan of every cart; product rows
 *       are also guarded by their own snapshot version (a live read may have put a newer one there);</li>
 *   <li>after commit, evicts the product from the shared cache (every product for a category event).</li>
 * </ol>
 * Events without a version ({@code POST /internal/events} without {@code aggregate_version}) skip the version checks.
 * The guarantees and their limits: docs/consistency-model.md.
 */
@Component
public class CatalogEventHandler {

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        STALE
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogEventHandler.class);
    private static final String[] LINE_TABLES = {"cart_items", "wishlist_items"};

    private final JdbcTemplate jdbc;
    private final ProductCache cache;

    CatalogEventHandler(JdbcTemplate jdbc, ProductCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @Transactional
    public Result apply(CatalogEvent event, boolean versioned, String source) {
        int recorded = jdbc.update(
                """
                insert into processed_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_version,
                                              outcome, source, occurred_at)
                values (?, ?, ?, ?, ?, 'APPLIED', ?, ?) on conflict (event_id) do nothing""",
                event.eventId(),
                event.eventType(),
                event.aggregateType(),
                event.aggregateId(),
                versioned ? event.aggregateVersion() : null,
                source,
                Timestamp.from(event.occurredAt()));
        if (recorded == 0) {
            return new Result(Outcome.DUPLICATE, 0);
        }
        if (versioned && !advanceVersion(event)) {
            jdbc.update("update processed_events set outcome = 'STALE' where event_id = ?", event.eventId());
            return new Result(Outcome.STALE, 0);
        }
        int rows = switch (event.payload()) {
            case CatalogPayload.ProductSnapshot p ->
                updateProducts(
                        p.productId(),
                        event,
                        versioned,
                        """
                    product_name = ?, unit_price = ?, currency = ?, category_id = ?, category_name = ?,
                    stock_quantity = ?, product_active = ?, product_deleted = false""",
                        p.name(),
                        p.price(),
                        p.currency(),
                        p.categoryId(),
                        p.categoryName(),
                        p.stockQuantity(),
                        p.active());
            case CatalogPayload.PriceChanged p ->
                updateProducts(
                        p.productId(),
                        event,
                        versioned,
                        "unit_price = ?, currency = coalesce(?, currency)",
                        p.newPrice(),
                        p.currency());
            case CatalogPayload.StockChanged p ->
                updateProducts(p.productId(), event, versioned, "stock_quantity = ?", p.stockQuantity());
            case CatalogPayload.ProductDeleted p ->
                updateProducts(p.productId(), event, versioned, "product_deleted = true, product_active = false");
            case CatalogPayload.CategoryUpdated c -> updateCategory(c.categoryId(), "category_name = ?", c.name());
            case CatalogPayload.CategoryDeleted c ->
                updateCategory(c.categoryId(), "category_id = null, category_name = null");
        };
        evictAfterCommit(event, versioned);
        log.debug(
                "Applied {} {} v{} to {} lines",
                event.eventType(),
                event.aggregateId(),
                event.aggregateVersion(),
                rows);
        return new Result(Outcome.APPLIED, rows);
    }

    /** True when this event is newer than anything applied for its aggregate (and now recorded as applied). */
    private boolean advanceVersion(CatalogEvent event) {
        return jdbc.update("""
                insert into aggregate_versions (aggregate_type, aggregate_id, version) values (?, ?, ?)
                on conflict (aggregate_type, aggregate_id) do update set version = excluded.version, updated_at = now()
                where aggregate_versions.version < excluded.version""", event.aggregateType(), event.aggregateId(), event.aggregateVersion()) == 1;
    }

    private int updateProducts(
            long productId, CatalogEvent event, boolean versioned, String assignments, Object... values) {
        int rows = 0;
        for (String table : LINE_TABLES) {
            String sql = "update " + table + " set " + assignments + ", snapshot_updated_at = now()"
                    + (versioned
                            ? ", product_version = ? where product_id = ? and product_version < ?"
                            : " where product_id = ?");
            Object[] arguments = versioned
                    ? append(values, event.aggregateVersion(), productId, event.aggregateVersion())
                    : append(values, productId);
            rows += jdbc.update(sql, arguments);
        }
        return rows;
    }

    private int updateCategory(long categoryId, String assignments, Object... values) {
        int rows = 0;
        for (String table : LINE_TABLES) {
            rows += jdbc.update(
                    "update " + table + " set " + assignments + ", snapshot_updated_at = now() where category_id = ?",
                    append(values, categoryId));
        }
        return rows;
    }

    private void evictAfterCommit(CatalogEvent event, boolean versioned) {
        Runnable eviction = switch (event.payload()) {
            case CatalogPayload.CategoryUpdated ignored -> cache::evictAll;
            case CatalogPayload.CategoryDeleted ignored -> cache::evictAll;
            default -> () -> cache.evict(event.payload().aggregateId(), versioned ? event.aggregateVersion() : -1);
        };
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                eviction.run();
            }
        });
    }

    private static Object[] append(Object[] values, Object... more) {
        Object[] all = new Object[values.length + more.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    /** @param lines cart and wishlist lines changed */
    public record Result(Outcome outcome, int lines) {}
}
