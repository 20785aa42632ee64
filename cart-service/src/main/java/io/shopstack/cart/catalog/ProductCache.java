package io.shopstack.cart.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.cart.CartProperties;
import io.shopstack.platform.resilience.RestAfterFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Product data shared by every cart instance in Redis, for {@code shopstack.cart.catalog.cache-ttl} (5 minutes by
 * default). Entries are {@code {"v":version,"p":product}}; {@code "p":null} remembers that the
 * catalog answered 404. Catalog events do not just delete an entry: they leave a marker with the event's version,
 * so that a read that fetched an older version before the event cannot put it back ("version floor").
 * <p>
 * Redis trouble never fails a request: a failed read is a miss, a failed write is skipped (both logged and counted).
 * After a failure Redis is left alone for {@code shopstack.cart.catalog.cache-retry-interval} (2 s): lookups are misses
 * and writes are skipped at once, so a Redis outage costs one command timeout per interval, not one per cart line.
 * Metrics: {@code cache.gets{cache=products,result=hit|miss}}, {@code cache.puts}, {@code cache.evictions},
 * {@code cart.cache.errors}. Why Redis trouble is handled this way: docs/redis-down-policies.md.
 */
@Component
public class ProductCache {

    static final String CACHE_NAME = "products";
    private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

    /** SET unless the entry there has a newer version; ARGV: entry, version ("" = unconditional), ttl millis. */
    private static final RedisScript<Long> PUT_IF_NOT_OLDER = new DefaultRedisScript<>("""
            if ARGV[2] ~= '' then
              local current = redis.call('GET', KEYS[1])
              if current then
                local ok, decoded = pcall(cjson.decode, current)
                if ok and decoded.v and tonumber(decoded.v) > tonumber(ARGV[2]) then
                  return 0
                end
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final Counter puts;
    private final Counter evictions;
    private final Counter errors;
    private final RestAfterFailure redisRest;

    public ProductCache(StringRedisTemplate redis, JsonMapper json, CartProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.prefix = properties.catalog().cachePrefix() + "product:";
        this.ttl = properties.catalog().cacheTtl();
        Duration retryInterval = properties.catalog().cacheRetryInterval();
        this.redisRest = new RestAfterFailure(() -> retryInterval);
        this.hits = Counter.builder("cache.gets")
                .tag("cache", CACHE_NAME)
                .tag("cache.manager", "redis")
                .tag("result", "hit")
                .description("Product cache lookups")
                .register(meters);
        this.misses = Counter.builder("cache.gets")
                .tag("cache", CACHE_NAME)
                .tag("cache.manager", "redis")
                .tag("result", "miss")
                .description("Product cache lookups")
                .register(meters);
        this.puts = Counter.builder("cache.puts")
                .tag("cache", CACHE_NAME)
                .tag("cache.manager", "redis")
                .register(meters);
        this.evictions = Counter.builder("cache.evictions")
                .tag("cache", CACHE_NAME)
                .tag("cache.manager", "redis")
                .register(meters);
        this.errors = Counter.builder("cart.cache.errors")
                .tag("cache", CACHE_NAME)
                .description("Redis failures, served as misses or skipped writes")
                .register(meters);
    }

    /** Cached entries of these products: a product, or empty for "the catalog said 404". Absent key = miss. */
    public Map<Long, Optional<ProductView>> getAll(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(productIds);
        if (resting()) {
            misses.increment(ids.size());
            return Map.of();
        }
        List<String> values;
        try {
            values = redis.opsForValue().multiGet(ids.stream().map(this::key).toList());
            answered();
        } catch (DataAccessException | IllegalStateException e) {
            failed();
            log.warn(
                    "Product cache unreadable, treating {} lookups as misses (Redis is asked again in {} ms): {}",
                    ids.size(),
                    redisRest.interval().toMillis(),
                    e.getMessage());
            misses.increment(ids.size());
            return Map.of();
        }
        Map<Long, Optional<ProductView>> found = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String value = values == null ? null : values.get(i);
            Entry entry = value == null ? null : decode(value);
            if (entry == null || entry.marker()) {
                misses.increment();
            } else {
                hits.increment();
                found.put(ids.get(i), Optional.ofNullable(entry.p()));
            }
        }
        return found;
    }

    public void put(ProductView product) {
        write(product.id(), new Entry(product.version(), product, null), String.valueOf(product.version()));
    }

    /** Remembers a 404 (deleted or never existing). */
    public void putAbsent(long productId) {
        write(productId, new Entry(-1, null, null), "");
    }

    /** An event changed this product: drop the entry and refuse entries older than {@code version} for a TTL. */
    public void evict(long productId, long version) {
        write(productId, new Entry(version, null, Boolean.TRUE), "");
        evictions.increment();
    }

    /** A category changed: every cached product may carry its name. Rare, so a SCAN of our keys is fine. */
    public void evictAll() {
        // Not skipped while Redis rests: a missed eviction would leave old names for a TTL; the attempt is the check.
        try {
            List<String> keys = new ArrayList<>();
            redis.execute((RedisCallback<Void>) connection -> {
                try (Cursor<byte[]> cursor = connection
                        .keyCommands()
                        .scan(ScanOptions.scanOptions()
                                .match(prefix + "*")
                                .count(500)
                                .build())) {
                    cursor.forEachRemaining(key -> keys.add(new String(key, StandardCharsets.UTF_8)));
                }
                return null;
            });
            if (!keys.isEmpty()) {
                redis.delete(keys);
            }
            evictions.increment(keys.size());
            answered();
        } catch (DataAccessException | IllegalStateException e) {
            failed();
            log.warn("Product cache could not be cleared: {}", e.getMessage());
        }
    }

    private void write(long productId, Entry entry, String version) {
        // Eviction markers are always attempted (a skipped one could let an older read be cached for a TTL);
        // plain puts are skipped while Redis rests.
        if (!entry.marker() && resting()) {
            return;
        }
        try {
            redis.execute(
                    PUT_IF_NOT_OLDER,
                    List.of(key(productId)),
                    json.writeValueAsString(entry),
                    version,
                    String.valueOf(ttl.toMillis()));
            answered();
            if (!entry.marker()) {
                puts.increment();
            }
        } catch (DataAccessException | IllegalStateException e) {
            failed();
            log.warn("Product cache write for product {} skipped: {}", productId, e.getMessage());
        }
    }

    private boolean resting() {
        return redisRest.resting();
    }

    private void failed() {
        errors.increment();
        redisRest.failed();
    }

    private void answered() {
        if (redisRest.answered()) {
            log.info("Product cache: Redis answers again");
        }
    }

    private Entry decode(String value) {
        try {
            return json.readValue(value, Entry.class);
        } catch (RuntimeException e) {
            errors.increment();
            return null;
        }
    }

    private String key(long productId) {
        return prefix + productId;
    }

    /** {@code v}: product version; {@code p}: the product (null = 404); {@code e}: eviction marker (a miss). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(long v, ProductView p, Boolean e) {

        boolean marker() {
            return Boolean.TRUE.equals(e);
        }
    }
}
