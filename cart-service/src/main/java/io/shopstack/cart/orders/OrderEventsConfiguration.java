package io.shopstack.cart.orders;

import io.shopstack.deadletters.DeadLetterHandler;
import io.shopstack.deadletters.DeadLetterService;
import io.shopstack.events.order.OrderEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * {@code orderEvents-in-0} ← {@code order.events.v1}, group {@code cart-service} (config-repo/cart-service.yml):
 * retried with back-off, then the dead-letter topic {@code order.events.v1.cart-service.dlq}, which {@code
 * orderDeadLetters-in-0} records for the operator API ({@code /internal/dead-letters}, platform-dead-letters).
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfiguration {

    @Bean
    Consumer<OrderEvent> orderEvents(OrderedItems orderedItems) {
        return orderedItems::apply;
    }

    @Bean
    Consumer<Message<byte[]>> orderDeadLetters(DeadLetterService deadLetters) {
        return deadLetters::record;
    }

    /** A replayed order event goes through {@link OrderedItems} like a delivered one (idempotent). */
    @Bean
    DeadLetterHandler orderEventReplay(OrderedItems orderedItems, JsonMapper json) {
        return DeadLetterHandler.of(
                OrderEvent.TOPIC, payload -> orderedItems.apply(json.readValue(payload, OrderEvent.class)));
    }
}
