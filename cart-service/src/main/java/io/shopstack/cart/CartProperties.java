package io.shopstack.cart;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The cart's own limits and catalog settings ({@code shopstack.cart.*}, tunable in config-repo/cart-service.yml).
 *
 * @param maxQuantityPerItem the most units of one product a cart line may hold
 * @param maxDistinctItems   the most distinct products in one cart
 * @param maxWishlistItems   the most products in one wishlist
 * @param catalog            product data: cache TTL and what a client is told when the catalog cannot be reached
 * @param internal           the internal endpoints' rate limit, per calling client
 */
@ConfigurationProperties("shopstack.cart")
public record CartProperties(
        @DefaultValue("99") int maxQuantityPerItem,
        @DefaultValue("50") int maxDistinctItems,
        @DefaultValue("100") int maxWishlistItems,
        @DefaultValue Catalog catalog,
        @DefaultValue Internal internal) {

    /**
     * @param cacheTtl      how long product data is cached (shared in Redis); events evict entries earlier
     * @param cachePrefix   Redis key prefix of the product cache
     * @param retryAfter    the {@code Retry-After} of a 503 when the circuit is not open (an open circuit tells its
     *                      own remaining wait)
     */
    public record Catalog(
            @DefaultValue("5m") Duration cacheTtl,
            @DefaultValue("cart:catalog:") String cachePrefix,
            @DefaultValue("5s") Duration retryAfter,
            @DefaultValue("2s") Duration cacheRetryInterval) {}

    /**
     * @param rateLimit       requests per period and client (token subject) on {@code /internal/**}
     * @param rateLimitPeriod the period
     */
    public record Internal(
            @DefaultValue("50") int rateLimit,
            @DefaultValue("1s") Duration rateLimitPeriod) {}
}
