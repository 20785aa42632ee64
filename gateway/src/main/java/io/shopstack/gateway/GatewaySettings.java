package io.shopstack.gateway;

import io.shopstack.gateway.ratelimit.TrustedProxies;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own settings ({@code shopstack.gateway.*} in {@code config-repo/gateway.yml}). A mutable bean on
 * purpose: a config refresh rebinds it in place, and the CORS policy and the Redis retry interval read it on every
 * request, so a config commit changes them without a restart.
 */
@ConfigurationProperties("shopstack.gateway")
public class GatewaySettings {

    private final Cors cors = new Cors();

    private final RateLimit rateLimit = new RateLimit();

    /**
     * The reverse proxies in front of the gateway, as CIDR blocks or single addresses (IPv4 and IPv6, e.g.
     * {@code 10.0.0.0/8,fd00::/8}). Only a TCP peer in this list may tell the client's address in
     * {@code X-Forwarded-For}; empty (the default): the client is the TCP peer and {@code X-Forwarded-For} is ignored,
     * so a client cannot pick its own rate-limit key. A value that is not a CIDR block fails the binding (the start,
     * or a refresh, which then keeps the previous list).
     */
    private List<String> trustedProxies = List.of();

    /** {@link #trustedProxies}, parsed once per binding (read on every rate-limited request). */
    private volatile TrustedProxies trustedProxyBlocks = TrustedProxies.none();

    /** Largest request body the gateway forwards (Content-Length or streamed); larger: 413. */
    private DataSize maxRequestBody = DataSize.ofMegabytes(1);

    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }

    public Cors getCors() {
        return cors;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    /** Parses first, so a bad element leaves the previous list in force and fails with a message naming it. */
    public void setTrustedProxies(List<String> trustedProxies) {
        TrustedProxies parsed = TrustedProxies.parse(trustedProxies);
        this.trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        this.trustedProxyBlocks = parsed;
    }

    public TrustedProxies trustedProxyBlocks() {
        return trustedProxyBlocks;
    }

    public static class Cors {

        /** Browser origins allowed to call the API (the storefront). Empty: no cross-origin access. */
        private List<String> allowedOrigins = new ArrayList<>();

        private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));

        /** Idempotency-Key: placing an order (POST /api/v1/orders) is retried safely with the same key. */
        private List<String> allowedHeaders =
                new ArrayList<>(List.of("Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key"));

        private List<String> exposedHeaders = new ArrayList<>(List.of(
                "X-Request-Id",
                "Retry-After",
                "X-RateLimit-Remaining",
                "X-RateLimit-Replenish-Rate",
                "X-RateLimit-Burst-Capacity",
                "X-RateLimit-Requested-Tokens",
                "Location"));

        private Duration maxAge = Duration.ofMinutes(30);

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public List<String> getAllowedHeaders() {
            return allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public List<String> getExposedHeaders() {
            return exposedHeaders;
        }

        public void setExposedHeaders(List<String> exposedHeaders) {
            this.exposedHeaders = exposedHeaders;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    public static class RateLimit {

        /**
         * After Redis failed (error or command timeout), how long the rate limiter applies each route's Redis-down
         * policy straight away instead of trying Redis again. Keeps requests from each paying the command timeout
         * while Redis is down; the first request after the interval probes Redis again.
         */
        private Duration redisRetryInterval = Duration.ofSeconds(2);

        /**
         * Upper bound for one rate-limit check, whatever the Redis client does (a safety net over
         * {@code spring.data.redis.timeout}).
         */
        private Duration timeout = Duration.ofSeconds(1);

        public Duration getRedisRetryInterval() {
            return redisRetryInterval;
        }

        public void setRedisRetryInterval(Duration redisRetryInterval) {
            this.redisRetryInterval = redisRetryInterval;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
