package io.shopstack.product;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductService;
import io.shopstack.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox on real PostgreSQL and Kafka: one event per change, in order, none lost while Kafka is down. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxEventsTest extends ProductServiceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProductService catalog;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();
    KafkaConsumer<String, String> consumer;
    final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of("catalog.events.v1"));
    }

    @AfterEach
    void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    @Test
    @Order(1)
    void anUpdateProducesExactlyOneEventWithTheProductKeyTypeAndVersion() throws Exception {
        long id = createProduct("Outbox mug");
        assertThat(send("PATCH", "/api/products/" + id, ADMIN, "{\"description\":\"Now with a handle\",\"version\":0}")
                        .statusCode())
                .isEqualTo(200);

        List<JsonNode> events = awaitEvents("product-" + id, 2);
        assertThat(events)
                .extracting(event -> event.get("event_type").asString())
                .containsExactly("product.created", "product.updated");
        JsonNode updated = events.get(1);
        assertThat(updated.get("aggregate_version").asLong()).isEqualTo(1);
        assertThat(updated.get("aggregate_id").asString()).isEqualTo(String.valueOf(id));
        assertThat(updated.get("payload").get("product_id").asLong()).isEqualTo(id);
        assertThat(updated.get("event_id").asString()).isNotBlank();
        awaitNothingPending();
        assertThat(eventsFor("product-" + id))
                .as("no duplicate after the outbox drained")
                .hasSize(2);
    }

    @Test
    @Order(2)
    void aRolledBackChangePublishesNothing() throws Exception {
        String name = "Rolled back " + UUID.randomUUID();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    catalog.create(new ProductRequest(name, null, new BigDecimal("5.00"), "EUR", 1, true, null, null));
                    throw new IllegalStateException("the caller's transaction fails after the change");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_events where payload like ?", Long.class, "%" + name + "%"))
                .isZero();

        // A later committed change is published; the rolled-back one never was, before or after it.
        long sentinel = createProduct("Sentinel " + UUID.randomUUID());
        awaitEvents("product-" + sentinel, 1);
        assertThat(received).noneMatch(record -> record.value().contains(name));
    }

    @Test
    @Order(3)
    void commitToKafkaLatencyIsWellUnderASecond() throws Exception {
        long id = createProduct("Latency probe");
        awaitEvents("product-" + id, 1); // the topic and its metadata are warm from here on
        for (int version = 0; version < 50; version++) {
            assertThat(send(
                                    "PUT",
                                    "/api/products/" + id + "/stock",
                                    ADMIN,
                                    "{\"stockQuantity\":" + version + ",\"version\":" + version + "}")
                            .statusCode())
                    .isEqualTo(200);
        }
        awaitEvents("product-" + id, 51);
        awaitNothingPending();
        // From the outbox row's insert (inside the committing transaction) to Kafka's acknowledgement.
        List<Double> millis = jdbc.queryForList("""
                select extract(epoch from (published_at - created_at)) * 1000 from outbox_events
                where aggregate_id = ? and event_type = 'product.stock_changed' order by 1""", Double.class, String.valueOf(id));
        assertThat(millis).hasSize(50);
        double p50 = millis.get(24);
        double p99 = millis.get(49);
        System.out.printf(
                "outbox commit->Kafka latency over %d events: p50 %.1f ms, p99 %.1f ms (timer, incl. first start-up publish: %s)%n",
                millis.size(),
                p50,
                p99,
                meters.get("shopstack.outbox.latency").timer().takeSnapshot());
        assertThat(p99).isLessThan(1000);
    }

    @Test
    @Order(4)
    void whileKafkaIsDownChangesSucceedAndEveryEventIsPublishedInOrderWhenItReturns() throws Exception {
        long id = createProduct("Kafka outage");
        awaitEvents("product-" + id, 1);
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
        infrastructure.stop(Server.KAFKA);
        try {
            for (int version = 0; version < 5; version++) {
                var response = send(
                        "PUT",
                        "/api/products/" + id + "/price",
                        ADMIN,
                        "{\"price\":\"%d.00\",\"version\":%d}".formatted(10 + version, version));
                assertThat(response.statusCode())
                        .as("writes go on while Kafka is down")
                        .isEqualTo(200);
            }
            assertThat(jdbc.queryForObject("""
                    select count(*) from outbox_events where aggregate_id = ? and published_at is null""", Long.class, String.valueOf(id))).isEqualTo(5);
        } finally {
            infrastructure.start(Set.of(Server.KAFKA));
        }
        // Delivery is at-least-once: a send whose acknowledgement was lost as the broker went down is sent again
        // (same event_id; consumers deduplicate on it). Nothing may be lost, and the order must hold.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return distinctById(eventsFor("product-" + id)).size() >= 6;
        });
        List<JsonNode> events = distinctById(eventsFor("product-" + id));
        assertThat(events).hasSize(6);
        assertThat(events.getFirst().get("event_type").asString()).isEqualTo("product.created");
        List<JsonNode> priceChanges = events.subList(1, 6);
        assertThat(priceChanges)
                .extracting(event -> event.get("event_type").asString())
                .containsOnly("product.price_changed");
        assertThat(priceChanges)
                .extracting(event -> event.get("aggregate_version").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(priceChanges)
                .extracting(event ->
                        event.get("payload").get("new_price").decimalValue().intValue())
                .containsExactly(10, 11, 12, 13, 14);
        awaitNothingPending();
    }

    private long createProduct(String name) throws Exception {
        var created = send(
                "POST",
                "/api/products",
                ADMIN,
                "{\"name\":\"%s\",\"price\":\"9.00\",\"stockQuantity\":3}".formatted(name));
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private List<JsonNode> awaitEvents(String key, int count) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return eventsFor(key).size() >= count;
                });
        return eventsFor(key);
    }

    /** First occurrence of each event id, in arrival order. */
    private static List<JsonNode> distinctById(List<JsonNode> events) {
        Map<String, JsonNode> first = new java.util.LinkedHashMap<>();
        events.forEach(event -> first.putIfAbsent(event.get("event_id").asString(), event));
        return List.copyOf(first.values());
    }

    private List<JsonNode> eventsFor(String key) {
        return received.stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> json.readTree(record.value()))
                .toList();
    }

    private void awaitNothingPending() {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("select count(*) from outbox_events where published_at is null", Long.class)
                                == 0);
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
    }
}
