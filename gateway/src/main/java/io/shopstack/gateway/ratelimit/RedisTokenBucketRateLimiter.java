package io.shopstack.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.gateway.GatewaySettings;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponseException;
import io.shopstack.platform.resilience.RestAfterFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.FilterArgsEvent;
import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's rate limiter: Spring Cloud Gateway's Redis token bucket (the same Lua script as its
 * {@code RedisRateLimiter}, run atomically in Redis, so every gateway instance shares the buckets), plus what the
 * stock limiter lacks:
 * <ul>
 *   <li>{@code Retry-After} (seconds until enough tokens are back) on a denied request;</li>
 *   <li>several buckets per request where the key resolver names several (a password login: the client IP and the
 *       username, see {@link UserOrClientIpKeyResolver}): the request passes only if each allows it;</li>
 *   <li>a per-route policy for when Redis cannot answer ({@code rate-limit.redis-down: fail-open | fail-closed});
 *       each time it applies, the counter {@code shopstack.gateway.ratelimit.redis.unavailable} (tags
 *       {@code route}, {@code policy}) counts it, and a WARN line names the route, its policy and the cause (once per
 *       route and 10 s, not once per request);</li>
 *   <li>a bounded wait: the Redis client's command timeout ({@code spring.data.redis.timeout}) and, over it, a
 *       reactive timeout ({@code shopstack.gateway.rate-limit.timeout}); after a failure, Redis is not asked again for
 *       {@code shopstack.gateway.rate-limit.redis-retry-interval}, so while it is down requests do not each wait.</li>
 * </ul>
 * Per-route settings are the {@code RequestRateLimiter} filter's arguments under {@code rate-limit.*}
 * ({@code replenish-rate}, {@code burst-capacity}, {@code requested-tokens}, {@code redis-down}). The gateway rebuilds
 * its routes on a config refresh and publishes their arguments again, so a config commit changes a route's limits
 * without a restart.
 */
public class RedisTokenBucketRateLimiter extends AbstractRateLimiter<RedisTokenBucketRateLimiter.Config> {

    public static final String CONFIGURATION_PROPERTY_NAME = "rate-limit";

    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    public static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";
    public static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";
    public static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

    public static final String REDIS_UNAVAILABLE_METRIC = "shopstack.gateway.ratelimit.redis.unavailable";
    public static final String DECISIONS_METRIC = "shopstack.gateway.ratelimit.requests";

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBucketRateLimiter.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final GatewaySettings settings;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** After a Redis failure, requests take the route's Redis-down policy at once for the retry interval. */
    private final RestAfterFailure redisRest;

    private volatile String lastRedisError = "unknown";
    /** Per route: System.nanoTime() of the last WARN about its Redis-down policy. */
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();
    /** Per route: the last configuration logged, so that repeated route rebuilds log a change only once. */
    private final Map<String, String> lastLogged = new ConcurrentHashMap<>();

    public RedisTokenBucketRateLimiter(
            ReactiveStringRedisTemplate redis,
            RedisScript<List<Long>> script,
            ConfigurationService configurationService,
            GatewaySettings settings,
            MeterRegistry meters) {
        super(Config.class, CONFIGURATION_PROPERTY_NAME, configurationService);
        this.redis = redis;
        this.script = script;
        this.settings = settings;
        this.meters = meters;
        this.redisRest = new RestAfterFailure(() -> settings.getRateLimit().getRedisRetryInterval());
    }

    /** Binds a route's {@code rate-limit.*} arguments (on start and on every route refresh) and validates them. */
    @Override
    public void onApplicationEvent(FilterArgsEvent event) {
        super.onApplicationEvent(event);
        Config config = getConfig().get(event.getRouteId());
        if (config != null) {
            try {
                config.validate();
            } catch (IllegalArgumentException e) {
                getConfig().remove(event.getRouteId());
                throw new IllegalArgumentException("Route " + event.getRouteId() + ": " + e.getMessage(), e);
            }
            String description = config.toString();
            if (!description.equals(lastLogged.put(event.getRouteId(), description))) {
                log.info("Rate limit for route {}: {}", event.getRouteId(), description);
            }
        }
    }

    /**
     * Takes a token from each bucket named in {@code id} ({@link UserOrClientIpKeyResolver#BUCKET_SEPARATOR}-separated;
     * usually one), in order, stopping at the first that refuses: the request passes only if all allow it. The
     * headers describe the bucket that decided: the refusing one, or, when all allow, the one with the fewest tokens
     * left.
     */
    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        Config config = configFor(routeId);
        if (redisRest.resting()) {
            return redisDown(routeId, config, null);
        }
        List<String> args = List.of(
                Double.toString(config.getReplenishRate()),
                Long.toString(config.getBurstCapacity()),
                "",
                Integer.toString(config.getRequestedTokens()));
        return Flux.fromArray(id.split(UserOrClientIpKeyResolver.BUCKET_SEPARATOR))
                .concatMap(bucket -> takeToken(routeId, bucket, args))
                .takeUntil(decision -> !decision.allowed())
                .reduce((first, next) -> !next.allowed() || next.tokensLeft() < first.tokensLeft() ? next : first)
                .map(decision -> {
                    redisAnswered();
                    decisions(routeId, decision.allowed()).increment();
                    return new Response(decision.allowed(), headers(config, decision.tokensLeft(), decision.allowed()));
                })
                .onErrorResume(error -> redisDown(routeId, config, error));
    }

    /** One bucket's answer. Each Redis call is bounded by the reactive timeout. */
    private Mono<Decision> takeToken(String routeId, String bucket, List<String> args) {
        return Mono.defer(() -> redis.execute(script, keys(routeId, bucket), args)
                        .reduce(new ArrayList<Long>(), (all, part) -> {
                            all.addAll(part);
                            return all;
                        }))
                .timeout(settings.getRateLimit().getTimeout())
                .map(results -> new Decision(results.get(0) == 1L, results.get(1)));
    }

    private record Decision(boolean allowed, long tokensLeft) {}

    private Mono<Response> redisDown(String routeId, Config config, Throwable cause) {
        RedisDownPolicy policy = config.redisDownPolicy();
        counter(routeId, policy).increment();
        Duration retryInterval = redisRest.interval();
        long now = System.nanoTime();
        if (cause != null) {
            redisRest.failed();
            lastRedisError = describe(cause);
        }
        // One WARN per route and interval (at least 10 s), not one per request: the metric counts every request.
        long quiet = Math.max(retryInterval.toNanos(), Duration.ofSeconds(10).toNanos());
        Long warned = lastWarned.get(routeId);
        if (warned == null || now - warned > quiet) {
            lastWarned.put(routeId, now);
            log.warn(
                    "Rate limiter: Redis unavailable ({}); route {} applies its Redis-down policy: {} (Redis is asked "
                            + "again every {} ms)",
                    lastRedisError,
                    routeId,
                    policy.tag(),
                    retryInterval.toMillis());
        }
        if (policy == RedisDownPolicy.FAIL_OPEN) {
            return Mono.just(new Response(true, Map.of()));
        }
        long retryAfter =
                Math.max(1, settings.getRateLimit().getRedisRetryInterval().toSeconds());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemDetail problem = Problems.of(
                PlatformError.SERVICE_UNAVAILABLE,
                "Rate limiting is temporarily unavailable, and this route does not serve requests without it; retry later.");
        problem.setProperty(Problems.RETRY_AFTER_SECONDS, retryAfter);
        return Mono.error(new ProblemResponseException(problem, headers));
    }

    private void redisAnswered() {
        if (redisRest.answered()) {
            lastWarned.clear();
            log.info("Rate limiter: Redis answers again; rate limiting resumed");
        }
    }

    /** Allowed and rejected (429) requests per route: what the dashboards and the rejection-spike alert read. */
    private Counter decisions(String routeId, boolean allowed) {
        String outcome = allowed ? "allowed" : "rejected";
        return counters.computeIfAbsent(
                routeId + "|decision|" + outcome,
                key -> Counter.builder(DECISIONS_METRIC)
                        .description("Requests the rate limiter allowed or rejected")
                        .tag("route", routeId)
                        .tag("outcome", outcome)
                        .register(meters));
    }

    private Counter counter(String routeId, RedisDownPolicy policy) {
        return counters.computeIfAbsent(
                routeId + "|" + policy.tag(),
                key -> Counter.builder(REDIS_UNAVAILABLE_METRIC)
                        .description("Requests decided by the route's Redis-down policy because Redis could not answer")
                        .tag("route", routeId)
                        .tag("policy", policy.tag())
                        .register(meters));
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    Config configFor(String routeId) {
        Config config = getConfig().get(routeId);
        if (config == null) {
            config = getConfig().get(RouteDefinitionRouteLocator.DEFAULT_FILTERS);
        }
        if (config == null) {
            throw new IllegalArgumentException(
                    "No rate-limit.* arguments for route " + routeId + " or the default filters");
        }
        return config;
    }

    /** Same keys as Spring Cloud Gateway's RedisRateLimiter (hash tag per route and key, Redis Cluster friendly). */
    static List<String> keys(String routeId, String id) {
        String prefix = "request_rate_limiter.{" + routeId + "." + id + "}.";
        return List.of(prefix + "tokens", prefix + "timestamp");
    }

    static Map<String, String> headers(Config config, long tokensLeft, boolean allowed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REMAINING_HEADER, Long.toString(tokensLeft));
        headers.put(REPLENISH_RATE_HEADER, formatRate(config.getReplenishRate()));
        headers.put(BURST_CAPACITY_HEADER, Long.toString(config.getBurstCapacity()));
        headers.put(REQUESTED_TOKENS_HEADER, Integer.toString(config.getRequestedTokens()));
        if (!allowed) {
            headers.put(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(config, tokensLeft)));
        }
        return headers;
    }

    /** Whole seconds until the bucket holds enough tokens for one request again (at least 1). */
    static long retryAfterSeconds(Config config, long tokensLeft) {
        double missing = Math.max(0, config.getRequestedTokens() - Math.max(0, tokensLeft));
        return Math.max(1, (long) Math.ceil(missing / config.getReplenishRate()));
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** One route's limits. Token bucket: {@code replenish-rate} tokens per second, at most {@code burst-capacity}. */
    public static class Config {

        private double replenishRate;
        private long burstCapacity = 1;
        private int requestedTokens = 1;
        private String redisDown = RedisDownPolicy.FAIL_OPEN.tag();

        public double getReplenishRate() {
            return replenishRate;
        }

        public Config setReplenishRate(double replenishRate) {
            this.replenishRate = replenishRate;
            return this;
        }

        public long getBurstCapacity() {
            return burstCapacity;
        }

        public Config setBurstCapacity(long burstCapacity) {
            this.burstCapacity = burstCapacity;
            return this;
        }

        public int getRequestedTokens() {
            return requestedTokens;
        }

        public Config setRequestedTokens(int requestedTokens) {
            this.requestedTokens = requestedTokens;
            return this;
        }

        public String getRedisDown() {
            return redisDown;
        }

        public Config setRedisDown(String redisDown) {
            this.redisDown = redisDown;
            return this;
        }

        public RedisDownPolicy redisDownPolicy() {
            return RedisDownPolicy.parse(redisDown);
        }

        void validate() {
            if (!(replenishRate > 0)) {
                throw new IllegalArgumentException("rate-limit.replenish-rate must be > 0, was " + replenishRate);
            }
            if (burstCapacity < replenishRate) {
                throw new IllegalArgumentException("rate-limit.burst-capacity (" + burstCapacity
                        + ") must be >= rate-limit.replenish-rate (" + replenishRate + ")");
            }
            if (requestedTokens < 1 || requestedTokens > burstCapacity) {
                throw new IllegalArgumentException(
                        "rate-limit.requested-tokens must be between 1 and burst-capacity, was " + requestedTokens);
            }
            redisDownPolicy();
        }

        @Override
        public String toString() {
            return "replenish-rate=" + replenishRate + "/s, burst-capacity=" + burstCapacity + ", requested-tokens="
                    + requestedTokens + ", redis-down=" + redisDownPolicy().tag();
        }
    }
}
