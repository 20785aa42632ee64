package io.shopstack.order.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.shopstack.deadletters.DeadLetterHandler;
import io.shopstack.deadletters.DeadLetterService;
import io.shopstack.events.order.StockReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The saga's inputs: stock replies from Kafka (binding {@code stockReplies-in-0}; retried, then the dead-letter topic
 * {@code stock.replies.v1.order-service.dlq}, recorded by {@code stockDeadLetters-in-0} for the operator API {@code
 * /internal/dead-letters} of platform-dead-letters: application.yml) and a sweeper for orders whose next message never
 * came (a crash, an outage).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaProperties.class)
class SagaConfiguration {

    @Bean
    Consumer<StockReply> stockReplies(OrderSaga saga) {
        return saga::onStockReply;
    }

    @Bean
    Consumer<Message<byte[]>> stockDeadLetters(DeadLetterService deadLetters) {
        return deadLetters::record;
    }

    /** A replayed reply goes through the saga like a delivered one (idempotent: a late or repeated reply is ignored). */
    @Bean
    DeadLetterHandler stockReplyReplay(OrderSaga saga, JsonMapper json) {
        return DeadLetterHandler.of(
                StockReply.TOPIC, payload -> saga.onStockReply(json.readValue(payload, StockReply.class)));
    }

    /** Orders by state and stuck orders, as gauges (Prometheus alerts on the stuck count: observability/). */
    @Bean
    MeterBinder orderGauges(OrderStore orders, SagaProperties properties) {
        return meters -> {
            for (OrderStatus status : OrderStatus.values()) {
                Gauge.builder("shopstack.orders", () -> orders.count(status))
                        .description("Orders by state")
                        .tag("status", status.name())
                        .register(meters);
            }
            Gauge.builder("shopstack.orders.stuck", () -> orders.stuck(properties.stuckAfter()))
                    .description(
                            "Orders in a non-final state untouched for longer than shopstack.orders.saga.stuck-after")
                    .register(meters);
        };
    }

    /**
     * Moves on orders whose step stalled: a PLACED order the stock never answered is cancelled, a STOCK_RESERVED one
     * is paid (again: idempotent), a PAYMENT_AUTHORIZED one asks the stock to confirm again. Rows are claimed with
     * SKIP LOCKED, so several instances share the work.
     */
    @Component
    static class StalledOrderSweeper {
        private static final Logger log = LoggerFactory.getLogger(StalledOrderSweeper.class);

        private final OrderStore orders;
        private final OrderSaga saga;
        private final SagaProperties properties;

        StalledOrderSweeper(OrderStore orders, OrderSaga saga, SagaProperties properties) {
            this.orders = orders;
            this.saga = saga;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${shopstack.orders.saga.sweep-interval:5s}")
        void sweep() {
            for (UUID id : orders.claimIdle(OrderStatus.PLACED, properties.stockTimeout(), 50)) {
                log.warn("Order {} got no answer from the stock in {}: cancelling it", id, properties.stockTimeout());
                saga.cancel(id, java.util.Set.of(OrderStatus.PLACED), CancellationReason.STOCK_TIMEOUT, true);
            }
            for (UUID id : orders.claimIdle(OrderStatus.STOCK_RESERVED, properties.retryAfter(), 20)) {
                log.info("Order {} stalled before its payment: paying again", id);
                saga.pay(id);
            }
            for (UUID id : orders.claimIdle(OrderStatus.PAYMENT_AUTHORIZED, properties.retryAfter(), 50)) {
                log.info("Order {} paid but not confirmed: asking the stock again", id);
                saga.askConfirmation(id);
            }
        }
    }
}
