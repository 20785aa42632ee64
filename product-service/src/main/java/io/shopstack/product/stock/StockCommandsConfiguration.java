package io.shopstack.product.stock;

import io.shopstack.deadletters.DeadLetterHandler;
import io.shopstack.deadletters.DeadLetterService;
import io.shopstack.events.order.StockCommand;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * The order saga's stock commands (binding {@code stockCommands-in-0}, topic {@value StockCommand#TOPIC}): a failure
 * is retried by the binder and then goes to the dead-letter topic {@code stock.commands.v1.product-service.dlq}
 * (application.yml), where {@code stockDeadLetters-in-0} records it for the operator API ({@code
 * /internal/dead-letters}, platform-dead-letters), which replays it through the same idempotent handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(StockProperties.class)
class StockCommandsConfiguration {

    @Bean
    Consumer<StockCommand> stockCommands(StockReservations reservations) {
        return reservations::handle;
    }

    @Bean
    Consumer<Message<byte[]>> stockDeadLetters(DeadLetterService deadLetters) {
        return deadLetters::record;
    }

    @Bean
    DeadLetterHandler stockCommandReplay(StockReservations reservations, JsonMapper json) {
        return DeadLetterHandler.of(
                StockCommand.TOPIC, payload -> reservations.handle(json.readValue(payload, StockCommand.class)));
    }

    @Bean
    ReservationExpiry reservationExpiry(StockReservations reservations) {
        return new ReservationExpiry(reservations);
    }

    /** Stock held by an order that stalled goes back on sale. */
    static final class ReservationExpiry {
        private final StockReservations reservations;

        ReservationExpiry(StockReservations reservations) {
            this.reservations = reservations;
        }

        @Scheduled(fixedDelayString = "${shopstack.stock.expiry-interval:5s}")
        void expire() {
            while (reservations.expireDue(100) == 100) {
                // more were due: next batch
            }
        }
    }
}
