package io.shopstack.cart.orders;

import io.shopstack.events.order.OrderEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/**
 * {@code orderEvents-in-0} ← {@code order.events.v1}, group {@code cart-service} (config-repo/cart-service.yml):
 * retried with back-off, then the dead-letter topic {@code order.events.v1.cart-service.dlq}.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfiguration {

    @Bean
    Consumer<OrderEvent> orderEvents(OrderedItems orderedItems) {
        return orderedItems::apply;
    }
}
