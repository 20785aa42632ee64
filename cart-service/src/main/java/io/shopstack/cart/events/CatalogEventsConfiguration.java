package io.shopstack.cart.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.shopstack.deadletters.DeadLetterHandler;
import io.shopstack.deadletters.DeadLetterService;
import io.shopstack.events.catalog.CatalogEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * The Kafka side (Spring Cloud Stream, bindings in config-repo/cart-service.yml):
 * <ul>
 *   <li>{@code catalogEvents-in-0} ← {@code catalog.events.v1}, group {@code cart-service}: a failing event is retried
 *       with exponential back-off ({@code max-attempts}, {@code back-off-*}), then the binder publishes it to the
 *       dead-letter topic {@code catalog.events.v1.cart-service.dlq} and moves on;</li>
 *   <li>{@code catalogDeadLetters-in-0} ← that topic: each dead letter is recorded in {@code dead_letters} for the
 *       operator API ({@code /internal/dead-letters}, platform-dead-letters), which replays it through the same
 *       idempotent {@link CatalogEventProcessor}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CatalogEventsConfiguration {

    static final String BINDING = "catalogEvents-in-0";

    @Bean
    Consumer<CatalogEvent> catalogEvents(CatalogEventProcessor processor) {
        return event -> processor.process(event, true, CatalogEventProcessor.KAFKA);
    }

    @Bean
    Consumer<Message<byte[]>> catalogDeadLetters(DeadLetterService deadLetters) {
        return deadLetters::record;
    }

    @Bean
    DeadLetterHandler catalogEventReplay(CatalogEventProcessor processor, JsonMapper json) {
        return new DeadLetterHandler() {
            @Override
            public String sourceTopic() {
                return "catalog.events.v1";
            }

            @Override
            public Enum<?> replay(String payload) {
                CatalogEvent event = json.readValue(payload, CatalogEvent.class);
                return processor
                        .process(event, true, CatalogEventProcessor.REPLAY)
                        .outcome();
            }
        };
    }

    /**
     * The cart's former name of the pending dead letters (now {@value DeadLetterService#PENDING}, the same in every
     * service), kept for the cart's dashboards.
     */
    @Bean
    MeterBinder cartDeadLetterDepth(DeadLetterService deadLetters) {
        return meters -> Gauge.builder("cart.events.dlq.depth", deadLetters, DeadLetterService::pendingOrNaN)
                .description("Dead letters waiting for an operator (alias of " + DeadLetterService.PENDING + ")")
                .register(meters);
    }
}
