package io.shopstack.cart;

import io.shopstack.events.order.OrderEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order event the cart cannot apply ends in {@code order.events.v1.cart-service.dlq}, is recorded by {@code
 * orderDeadLetters-in-0} beside the catalog's dead letters and is replayed through the order events' own handler.
 */
class OrderEventDeadLettersTest extends CartServiceIntegrationTest {

    @RegisterExtension
    static final KafkaTestProducer producer = new KafkaTestProducer();

    @Test
    void anUnreadableOrderEventIsDeadLetteredAndReplayedThroughTheOrderHandler() throws Exception {
        UUID messageId = UUID.randomUUID();
        producer.send(new ProducerRecord<>(
                        OrderEvent.TOPIC, UUID.randomUUID().toString(), """
                        {"message_id": "%s", "type": "order.teleported", "order_id": "%s"}""".formatted(messageId, UUID.randomUUID())))
                .get();
        AtomicReference<JsonNode> letter = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    get("/internal/dead-letters?limit=500", OPERATOR)
                            .body()
                            .get("items")
                            .forEach(item -> {
                                if (messageId
                                        .toString()
                                        .equals(item.path("eventId").asString(null))) {
                                    letter.set(item);
                                }
                            });
                    return letter.get() != null;
                });
        assertThat(letter.get().get("sourceTopic").asString()).isEqualTo(OrderEvent.TOPIC);
        long id = letter.get().get("id").asLong();

        Response replay = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().get("outcome").asString()).isEqualTo("FAILED");
        // read as an order event, not as a catalog event
        assertThat(replay.body().get("error").asString()).contains("OrderEvent");
        Response discarded = send("POST", "/internal/dead-letters/" + id + "/discard", OPERATOR, null);
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
    }
}
