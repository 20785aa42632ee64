package io.shopstack.product.stock;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param reservationTtl how long stock stays held for an order that is neither confirmed nor released; longer than
 *                       the order saga's own deadline for payment (order-service), so a live order never loses it
 * @param expiryInterval how often expired reservations are looked for
 */
@ConfigurationProperties("shopstack.stock")
record StockProperties(
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("5s") Duration expiryInterval) {}
