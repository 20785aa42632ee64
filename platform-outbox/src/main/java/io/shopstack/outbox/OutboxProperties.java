package io.shopstack.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param binding        the Spring Cloud Stream output binding (its destination is the topic) for messages that name
 *                       none
 * @param batchSize      rows published per transaction
 * @param pollInterval   safety-net poll when no commit woke the relay (e.g. rows written by another instance)
 * @param maxBackoff     longest wait between attempts while Kafka fails
 * @param retention      published rows are deleted after this long
 */
@ConfigurationProperties("shopstack.outbox")
public record OutboxProperties(
        String binding,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("7d") Duration retention) {}
