package io.shopstack.order.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param stockTimeout     a PLACED order without an answer from the stock this long is cancelled (STOCK_TIMEOUT)
 * @param retryAfter       a STOCK_RESERVED or PAYMENT_AUTHORIZED order untouched this long gets its step again
 * @param paymentAttempts  authorisation attempts on timeouts before the order is cancelled (PAYMENT_TIMEOUT)
 * @param sweepInterval    how often stalled orders are looked for
 * @param stuckAfter       a non-final order untouched this long counts as stuck (metric, alert)
 */
@ConfigurationProperties("shopstack.orders.saga")
public record SagaProperties(
        @DefaultValue("2m") Duration stockTimeout,
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("3") int paymentAttempts,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("5m") Duration stuckAfter) {}
