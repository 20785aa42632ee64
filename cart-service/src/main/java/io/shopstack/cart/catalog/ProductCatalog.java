package io.shopstack.cart.catalog;

import feign.FeignException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.cart.CartProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The cart's only way to product-service. Every call goes through named, separately tunable Resilience4j
 * instances (config-repo/cart-service.yml):
 * <pre>
 *   retry "product-service-read" (reads only)
 *     └ circuit breaker "product-service"
 *         └ time limiter "product-service"
 *             └ thread-pool bulkhead "product-service" → Feign (load-balanced, connect/read timeouts)
 * </pre>
 * Reads ({@link #currentProducts}) go through the shared cache first and never fail: what cannot be fetched is
 * reported as unknown and the caller falls back to its snapshot, marked stale. Writes ({@link #requireLive}) need
 * the catalog's answer: no retry (fail fast), {@link CatalogUnavailableException} with a retry-after otherwise. The
 * caller's token goes with every call ({@link BearerTokenRelay}; the security context follows the call into the
 * bulkhead's thread with the rest of the captured context).
 */
@Service
public class ProductCatalog {

    public static final String INSTANCE = "product-service";
    public static final String READ_RETRY = "product-service-read";
    static final int MAX_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ProductCatalog.class);

    private final ProductClient client;
    private final ProductCache cache;
    private final CircuitBreaker circuitBreaker;
    private final TimeLimiter timeLimiter;
    private final ThreadPoolBulkhead bulkhead;
    private final Retry readRetry;
    private final Duration defaultRetryAfter;
    private final MeterRegistry meters;
    private final ContextSnapshotFactory context =
            ContextSnapshotFactory.builder().build();

    public ProductCatalog(
            ProductClient client,
            ProductCache cache,
            CircuitBreakerRegistry circuitBreakers,
            TimeLimiterRegistry timeLimiters,
            ThreadPoolBulkheadRegistry bulkheads,
            RetryRegistry retries,
            CartProperties properties,
            MeterRegistry meters) {
        this.client = client;
        this.cache = cache;
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        this.bulkhead = bulkheads.bulkhead(INSTANCE);
        this.readRetry = retries.retry(READ_RETRY);
        this.defaultRetryAfter = properties.catalog().retryAfter();
        this.meters = meters;
        circuitBreaker
                .getEventPublisher()
                .onStateTransition(event -> log.warn("Circuit breaker '{}' {}", INSTANCE, event.getStateTransition()));
    }

    /**
     * Current data of these products for display: from the cache, else one batch call per 100 ids (cached
     * afterwards). Never throws: products the catalog says do not exist are {@link Lookup#absent()}, products that
     * could not be fetched (catalog down, circuit open) are {@link Lookup#unknown()}.
     */
    public Lookup currentProducts(Collection<Long> productIds) {
        Set<Long> ids = new LinkedHashSet<>(productIds);
        Map<Long, ProductView> found = new HashMap<>();
        Set<Long> absent = new HashSet<>();
        cache.getAll(ids)
                .forEach((id, product) -> product.ifPresentOrElse(p -> found.put(id, p), () -> absent.add(id)));
        List<Long> misses = ids.stream()
                .filter(id -> !found.containsKey(id) && !absent.contains(id))
                .toList();
        Set<Long> unknown = new HashSet<>();
        for (int from = 0; from < misses.size(); from += MAX_BATCH) {
            List<Long> chunk = misses.subList(from, Math.min(misses.size(), from + MAX_BATCH));
            try {
                List<ProductView> fetched = guarded(
                        () -> client.batch(chunk.stream().map(String::valueOf).collect(Collectors.joining(","))), true);
                Map<Long, ProductView> byId =
                        fetched.stream().collect(Collectors.toMap(ProductView::id, p -> p, (a, b) -> a));
                for (Long id : chunk) {
                    ProductView product = byId.get(id);
                    if (product == null) {
                        absent.add(id);
                        cache.putAbsent(id);
                    } else {
                        found.put(id, product);
                        cache.put(product);
                    }
                }
            } catch (CatalogUnavailableException e) {
                fallback("read", e);
                unknown.addAll(chunk);
            }
        }
        return new Lookup(Map.copyOf(found), Set.copyOf(absent), Set.copyOf(unknown));
    }

    /**
     * The product as the catalog says it is now, for a write (add to cart/wishlist). Not from the cache: a cart is
     * never changed on possibly stale data. The answer refreshes the cache.
     *
     * @throws ProductNotFoundException    the catalog says it does not exist
     * @throws CatalogUnavailableException the catalog could not answer (nothing must be written)
     */
    public ProductView requireLive(long productId) {
        Optional<ProductView> product = guarded(
                () -> {
                    try {
                        return Optional.of(client.get(productId));
                    } catch (FeignException.NotFound notFound) {
                        return Optional.empty();
                    }
                },
                false);
        if (product.isEmpty()) {
            cache.putAbsent(productId);
            throw new ProductNotFoundException(productId);
        }
        cache.put(product.get());
        return product.get();
    }

    /**
     * The product as product-service says it is now, to reconcile a catalog event whose version the consumer cannot
     * explain (see {@code CatalogEventHandler}). Live (never the cache), with the read retry and every other guard,
     * and anonymous: product reads are public, a Kafka consumer has no token anyway, and the token of whoever pushed
     * an event over HTTP is not theirs to spend on the cart's own check.
     *
     * @return empty when the catalog answers 404 (deleted or never existing)
     * @throws CatalogUnavailableException the catalog could not answer (the event must not be applied blindly)
     */
    public Optional<ProductView> productForReconciliation(long productId) {
        return anonymously(() -> guarded(() -> notFoundAsEmpty(() -> client.get(productId)), true));
    }

    /** As {@link #productForReconciliation}, for a category event. */
    public Optional<CategoryView> categoryForReconciliation(long categoryId) {
        return anonymously(() -> guarded(() -> notFoundAsEmpty(() -> client.category(categoryId)), true));
    }

    private static <T> Optional<T> notFoundAsEmpty(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (FeignException.NotFound notFound) {
            return Optional.empty();
        }
    }

    /** Runs the call with an empty security context: {@link BearerTokenRelay} then sends no token. */
    private static <T> T anonymously(Supplier<T> call) {
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
        try {
            return call.get();
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    /** How long a client should wait before retrying a write: the open-state wait when the circuit is open. */
    public Duration retryAfter() {
        if (circuitBreaker.getState() == CircuitBreaker.State.OPEN
                || circuitBreaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            long millis = circuitBreaker
                    .getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState()
                    .apply(1);
            return Duration.ofMillis(Math.max(1000, millis));
        }
        return defaultRetryAfter;
    }

    private <T> T guarded(Supplier<T> call, boolean retry) {
        Callable<T> inContext = context.captureAll().wrap(() -> translate(call));
        Supplier<T> withContext = () -> {
            try {
                return inContext.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        };
        Supplier<java.util.concurrent.CompletionStage<T>> isolated =
                ThreadPoolBulkhead.decorateSupplier(bulkhead, withContext);
        Callable<T> timed = TimeLimiter.decorateFutureSupplier(
                timeLimiter, () -> isolated.get().toCompletableFuture());
        Callable<T> protectedCall = CircuitBreaker.decorateCallable(circuitBreaker, timed);
        if (retry) {
            protectedCall = Retry.decorateCallable(readRetry, protectedCall);
        }
        try {
            return protectedCall.call();
        } catch (Exception e) {
            Throwable cause = unwrap(e);
            if (cause instanceof CatalogRequestException request) {
                throw request;
            }
            throw new CatalogUnavailableException(
                    "product-service unavailable: " + describe(cause), retryAfter(), cause);
        }
    }

    /** Runs the Feign call; 4xx other than 404 become {@link CatalogRequestException} (not an outage). */
    private static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (FeignException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429) {
                throw new CatalogRequestException("product-service rejected the request with " + e.status(), e);
            }
            throw e;
        }
    }

    private void fallback(String operation, CatalogUnavailableException e) {
        meters.counter(
                        "cart.catalog.fallbacks",
                        "operation",
                        operation,
                        "reason",
                        e.getCause() == null
                                ? "unknown"
                                : e.getCause().getClass().getSimpleName())
                .increment();
        // The cause matters (e.g. "no servers available" right after a restart): log it, at debug when the circuit
        // is open since then every request would log the same line.
        if (circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
            log.debug("Catalog {} fell back to snapshots: {}", operation, e.diagnosis());
        } else {
            log.warn("Catalog {} fell back to snapshots: {}", operation, e.diagnosis());
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + abbreviate(message) + ")");
    }

    private static String abbreviate(String message) {
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /**
     * @param found   current data of products the catalog (or the cache) knows
     * @param absent  products the catalog says do not exist (deleted)
     * @param unknown products that could not be looked up: use the snapshot, flagged stale
     */
    public record Lookup(Map<Long, ProductView> found, Set<Long> absent, Set<Long> unknown) {

        public static Lookup empty() {
            return new Lookup(Map.of(), Set.of(), Set.of());
        }

        public boolean complete() {
            return unknown.isEmpty();
        }
    }
}
