package io.shopstack.cart.events;

import io.shopstack.cart.catalog.CategoryView;
import io.shopstack.cart.catalog.ProductCache;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.cart.catalog.ProductView;
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
import java.util.Optional;

/**
 * Applies one catalog event to the carts and wishlists, in one transaction:
 * <ol>
 *   <li>records the event id in {@code processed_events} — a second delivery of the same id changes nothing;</li>
 *   <li>checks its {@code aggregate_version} against what was applied ({@code aggregate_versions}): not newer is
 *       ignored ({@code STALE}); a version the consumer cannot explain is not trusted (below);</li>
 *   <li>advances the applied version and runs one bulk UPDATE per table by product (or category) id, indexed —
 *       never a scan of every cart; product rows are also guarded by their own snapshot version (a live read may
 *       have put a newer one there);</li>
 *   <li>after commit, evicts the product from the shared cache (every product for a category event).</li>
 * </ol>
 * <b>Unexplained versions</b> (issue 13: an event posted with {@code aggregate_version} 9223372036854775807 used to be
 * recorded, and every later genuine event of that product was then ignored as older). The producer moves a version on
 * by one per change, so a version is explained when it is at most one ahead of the newest version this consumer knows
 * from a trusted source: the version it applied, or (products) the newest {@code product_version} on a line, which
 * only product-service's own answers and trusted events write. Anything further ahead, or any version for an
 * aggregate the consumer knows nothing of, is not recorded from the event:
 * <ul>
 *   <li>no line holds the product (or category): nothing could be changed or pinned; the event is {@code APPLIED} to
 *       no line and its version is not recorded;</li>
 *   <li>otherwise the consumer asks product-service for the aggregate as it is now (anonymously, with the catalog
 *       client's resilience) and applies <em>that</em> state and version instead of the event's
 *       ({@code RECONCILED}); a 404 marks the lines deleted (category: uncategorised). When product-service cannot
 *       answer, the attempt fails and is retried, then dead-lettered, like any other failure: never applied blindly.
 *   </li>
 * </ul>
 * Genuine gaps exist (a category rename moves its products' versions without a product event; a dead-lettered event):
 * they cost one catalog read for a product someone holds, and end with the catalog's current state.
 * Events without a version ({@code POST /internal/events} without {@code aggregate_version}) skip the version checks
 * and never record a version. The guarantees and their limits: docs/consistency-model.md.
 */
@Component
public class CatalogEventHandler {

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        STALE,
        /** The event's version could not be explained: product-service's current state was applied instead. */
        RECONCILED
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogEventHandler.class);
    private static final String[] LINE_TABLES = {"cart_items", "wishlist_items"};

    private final JdbcTemplate jdbc;
    private final ProductCache cache;
    private final ProductCatalog catalog;

    CatalogEventHandler(JdbcTemplate jdbc, ProductCache cache, ProductCatalog catalog) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.catalog = catalog;
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
        if (versioned) {
            Long applied = appliedVersion(event);
            if (applied != null && event.aggregateVersion() <= applied) {
                return stale(event);
            }
            Holding holding = holding(event);
            Long known = newest(applied, holding.newestVersion());
            boolean explained =
                    known != null && (event.aggregateVersion() <= known || event.aggregateVersion() == known + 1);
            if (!explained) {
                return unexplained(event, holding.held());
            }
            if (!advanceVersion(event)) {
                return stale(event);
            }
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
        evictAfterCommit(event, versioned ? event.aggregateVersion() : -1);
        log.debug(
                "Applied {} {} v{} to {} lines",
                event.eventType(),
                event.aggregateId(),
                event.aggregateVersion(),
                rows);
        return new Result(Outcome.APPLIED, rows);
    }

    private static Long newest(Long applied, Long held) {
        if (applied == null) {
            return held;
        }
        return held == null ? applied : Long.valueOf(Math.max(applied, held));
    }

    private Result stale(CatalogEvent event) {
        jdbc.update("update processed_events set outcome = 'STALE' where event_id = ?", event.eventId());
        return new Result(Outcome.STALE, 0);
    }

    /** The newest version applied from events (or reconciliations) for the event's aggregate; null if none. */
    private Long appliedVersion(CatalogEvent event) {
        return jdbc
                .queryForList(
                        "select version from aggregate_versions where aggregate_type = ? and aggregate_id = ?",
                        Long.class,
                        event.aggregateType(),
                        event.aggregateId())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether lines hold the aggregate, and for a product the newest version on them (written only from
     * product-service's answers and trusted events). Lines carry no category version.
     */
    private Holding holding(CatalogEvent event) {
        return switch (event.payload()) {
            case CatalogPayload.CategoryUpdated c -> new Holding(categoryHeld(c.categoryId()), null);
            case CatalogPayload.CategoryDeleted c -> new Holding(categoryHeld(c.categoryId()), null);
            default -> {
                Long newest = jdbc.queryForObject(
                        """
                        select max(product_version) from (
                            select product_version from cart_items where product_id = ?
                            union all select product_version from wishlist_items where product_id = ?) lines""",
                        Long.class,
                        event.payload().aggregateId(),
                        event.payload().aggregateId());
                yield new Holding(newest != null, newest);
            }
        };
    }

    private record Holding(boolean held, Long newestVersion) {}

    private boolean categoryHeld(long categoryId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from cart_items where category_id = ?)
                    or exists (select 1 from wishlist_items where category_id = ?)""", Boolean.class, categoryId, categoryId));
    }

    /** An event whose version this consumer cannot explain: never recorded; reconciled when lines hold the aggregate. */
    private Result unexplained(CatalogEvent event, boolean held) {
        log.warn(
                "Catalog event {} ({} {} v{}) has a version this consumer cannot explain; {}",
                event.eventId(),
                event.eventType(),
                event.aggregateId(),
                event.aggregateVersion(),
                held ? "reconciling with product-service" : "no line holds it, nothing to change");
        if (!held) {
            evictAfterCommit(event, -1);
            return new Result(Outcome.APPLIED, 0);
        }
        int rows = switch (event.payload()) {
            case CatalogPayload.CategoryUpdated c -> reconcileCategory(c.categoryId());
            case CatalogPayload.CategoryDeleted c -> reconcileCategory(c.categoryId());
            default -> reconcileProduct(event.payload().aggregateId());
        };
        jdbc.update("update processed_events set outcome = 'RECONCILED' where event_id = ?", event.eventId());
        return new Result(Outcome.RECONCILED, rows);
    }

    private int reconcileProduct(long productId) {
        Optional<ProductView> current = catalog.productForReconciliation(productId);
        if (current.isEmpty()) {
            int rows =
                    updateLines("product_deleted = true, product_active = false", " where product_id = ?", productId);
            afterCommit(() -> cache.putAbsent(productId));
            return rows;
        }
        ProductView product = current.get();
        recordVersion("product", productId, product.version());
        int rows = updateLines(
                """
                product_name = ?, unit_price = ?, currency = ?, category_id = ?, category_name = ?, stock_quantity = ?,
                product_active = ?, product_deleted = false, product_version = ?""",
                " where product_id = ? and product_version < ?",
                product.name(),
                product.price(),
                product.currency(),
                product.categoryId(),
                product.categoryName(),
                product.stockQuantity(),
                product.active(),
                product.version(),
                productId,
                product.version());
        afterCommit(() -> cache.evict(productId, product.version()));
        return rows;
    }

    private int reconcileCategory(long categoryId) {
        Optional<CategoryView> current = catalog.categoryForReconciliation(categoryId);
        int rows;
        if (current.isEmpty()) {
            rows = updateLines("category_id = null, category_name = null", " where category_id = ?", categoryId);
        } else {
            recordVersion("category", categoryId, current.get().version());
            rows = updateLines(
                    "category_name = ?", " where category_id = ?", current.get().name(), categoryId);
        }
        afterCommit(cache::evictAll);
        return rows;
    }

    /** Moves the applied version up to product-service's (never down). */
    private void recordVersion(String aggregateType, long aggregateId, long version) {
        jdbc.update("""
                insert into aggregate_versions (aggregate_type, aggregate_id, version) values (?, ?, ?)
                on conflict (aggregate_type, aggregate_id) do update set version = excluded.version, updated_at = now()
                where aggregate_versions.version < excluded.version""", aggregateType, String.valueOf(aggregateId), version);
    }

    private int updateLines(String assignments, String where, Object... values) {
        int rows = 0;
        for (String table : LINE_TABLES) {
            rows += jdbc.update(
                    "update " + table + " set " + assignments + ", snapshot_updated_at = now()" + where, values);
        }
        return rows;
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

    /** {@code floor}: the version below which the cache refuses entries for a TTL; -1 for none. */
    private void evictAfterCommit(CatalogEvent event, long floor) {
        afterCommit(
                switch (event.payload()) {
                    case CatalogPayload.CategoryUpdated ignored -> cache::evictAll;
                    case CatalogPayload.CategoryDeleted ignored -> cache::evictAll;
                    default -> () -> cache.evict(event.payload().aggregateId(), floor);
                });
    }

    private static void afterCommit(Runnable eviction) {
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
