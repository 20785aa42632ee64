package io.shopstack.cart;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.shopstack.cart.CartApiTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Catalog events over real Kafka into real PostgreSQL: applied in bulk, once per event id, never older over newer;
 * a poison event is retried, dead-lettered, listed and replayed; {@code POST /internal/events} with the short shape
 * ({@code event_type}, {@code payload}, {@code timestamp}). See docs/consistency-model.md.
 */
class CatalogEventsTest extends CartServiceIntegrationTest {

    @RegisterExtension
    static final KafkaTestProducer producer = new KafkaTestProducer();

    @Autowired
    MeterRegistry meters;

    @Test
    void productEventsUpdateEveryCartAndWishlistLineAndEvictTheCache() throws Exception {
        long product = catalog.create("Evented mug", "10.00", 10);
        String first = token(newUser());
        String second = token(newUser());
        addToCart(first, product, 1);
        addToCart(second, product, 2);
        send("POST", "/api/v1/wishlist/items", second, "{\"productId\":" + product + "}");
        assertThat(redis.hasKey("cart:catalog:product:" + product)).isTrue();

        // product-service changes the price (version 1) and publishes the event
        catalog.change(product, "price", "8.50");
        publish(event(
                UUID.randomUUID(),
                "product.price_changed",
                "product",
                product,
                1,
                "{\"product_id\":" + product
                        + ",\"old_price\":\"10.00\",\"new_price\":\"8.50\",\"currency\":\"EUR\"}"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(snapshotPrices(product)).containsOnly(new BigDecimal("8.5000")));
        // the cache entry was evicted: the next read asks the catalog and shows the new price
        JsonNode cart = get("/api/v1/cart", second).body();
        assertThat(line(cart, product).get("unitPrice").decimalValue()).isEqualTo(new BigDecimal("8.50"));
        assertThat(line(cart, product).get("priceChanged").asBoolean()).isTrue();
        assertThat(cart.get("subtotal").decimalValue()).isEqualTo(new BigDecimal("17.00"));
        assertThat(jdbc.queryForObject(
                        "select unit_price from wishlist_items where product_id = ?", BigDecimal.class, product))
                .isEqualByComparingTo("8.50");

        // stock 0, then deleted: both flag the lines unavailable even from the snapshot
        publish(event(
                UUID.randomUUID(),
                "product.stock_changed",
                "product",
                product,
                2,
                "{\"product_id\":" + product + ",\"stock_quantity\":0}"));
        publish(event(UUID.randomUUID(), "product.deleted", "product", product, 3, "{\"product_id\":" + product + "}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select product_deleted from cart_items where product_id = ?", Boolean.class, product))
                        .containsOnly(true));
        assertThat(jdbc.queryForList(
                        "select stock_quantity from cart_items where product_id = ?", Integer.class, product))
                .containsOnly(0);
    }

    @Test
    void theSameEventTwiceIsAppliedOnceAndAnOlderVersionIsIgnored() throws Exception {
        long product = catalog.create("Versioned mug", "20.00", 10);
        String token = token(newUser());
        addToCart(token, product, 1);
        UUID v2 = UUID.randomUUID();
        publish(event(
                UUID.randomUUID(), "product.price_changed", "product", product, 1, price(product, "20.00", "18.00")));
        publish(event(v2, "product.price_changed", "product", product, 2, price(product, "18.00", "16.00")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(v2)).isEqualTo("APPLIED"));
        assertThat(snapshotPrices(product)).containsOnly(new BigDecimal("16.0000"));

        // v2 again (redelivery): nothing changes; an older version (v1, another id) arriving late is ignored
        double duplicatesBefore = processed("duplicate");
        UUID late = UUID.randomUUID();
        publish(event(v2, "product.price_changed", "product", product, 2, price(product, "18.00", "16.00")));
        publish(event(late, "product.price_changed", "product", product, 1, price(product, "20.00", "99.00")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(late)).isEqualTo("STALE"));
        assertThat(processed("duplicate") - duplicatesBefore).isEqualTo(1.0);
        assertThat(jdbc.queryForObject("select count(*) from processed_events where event_id = ?", Integer.class, v2))
                .isEqualTo(1);
        assertThat(snapshotPrices(product)).containsOnly(new BigDecimal("16.0000"));
        assertThat(jdbc.queryForObject(
                        "select version from aggregate_versions where aggregate_type = 'product' and aggregate_id = ?",
                        Long.class,
                        String.valueOf(product)))
                .isEqualTo(2L);
    }

    @Test
    void aPoisonEventIsRetriedDeadLetteredListedAndAppliedOnReplayOnceFixed() throws Exception {
        long product = catalog.create("Poisoned mug", "30.00", 10);
        String token = token(newUser());
        addToCart(token, product, 1);
        UUID poison = UUID.randomUUID();
        double failuresBefore = meters.counter("cart.events.failed", "type", "product.price_changed", "source", "kafka")
                .count();
        // A real database failure for this one event: a constraint its processed-event row violates.
        jdbc.execute("alter table processed_events add constraint poison_"
                + poison.toString().replace("-", "") + " check (event_id <> '" + poison + "')");
        try {
            publish(event(poison, "product.price_changed", "product", product, 1, price(product, "30.00", "25.00")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "select count(*) from dead_letters where event_id = ?", Integer.class, poison))
                            .isEqualTo(1));
        } finally {
            // the operator fixes the cause
            jdbc.execute("alter table processed_events drop constraint poison_"
                    + poison.toString().replace("-", ""));
        }
        assertThat(meters.counter("cart.events.failed", "type", "product.price_changed", "source", "kafka")
                                .count()
                        - failuresBefore)
                .isEqualTo(3.0);
        assertThat(snapshotPrices(product)).containsOnly(new BigDecimal("30.0000"));

        Response list = get("/internal/dead-letters", OPERATOR);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        JsonNode letter = null;
        for (JsonNode item : list.body().get("items")) {
            if (poison.toString().equals(item.get("eventId").asString())) {
                letter = item;
            }
        }
        assertThat(letter).as(list.text()).isNotNull();
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("eventType").asString()).isEqualTo("product.price_changed");
        assertThat(letter.get("sourceTopic").asString()).isEqualTo("catalog.events.v1");
        assertThat(letter.get("errorMessage").asString()).contains("poison_");
        assertThat(letter.get("status").asString()).isEqualTo("PENDING");
        assertThat(letter.get("payload").asString()).contains(poison.toString());
        assertThat(list.body().get("pending").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("cart.events.dlq.depth").gauge().value()).isGreaterThanOrEqualTo(1.0);

        long id = letter.get("id").asLong();
        Response replay = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.body().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(snapshotPrices(product)).containsOnly(new BigDecimal("25.0000"));
        JsonNode replayed = get("/internal/dead-letters/" + id, OPERATOR).body();
        assertThat(replayed.get("status").asString()).isEqualTo("REPLAYED");
        assertThat(replayed.get("resolvedBy").asString()).isEqualTo("cart-operator");
        assertThat(send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void unreadableEventsAreDeadLetteredAndCanBeDiscarded() throws Exception {
        String marker = "garbage-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(
                        "catalog.events.v1", "product-1", "{\"not\":\"an event\",\"marker\":\"" + marker + "\"}"))
                .get();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "select count(*) from dead_letters where payload like ?",
                                Integer.class,
                                "%" + marker + "%"))
                        .isEqualTo(1));
        long id =
                jdbc.queryForObject("select id from dead_letters where payload like ?", Long.class, "%" + marker + "%");
        Response replay = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().get("outcome").asString()).isEqualTo("FAILED");
        Response discarded = send("POST", "/internal/dead-letters/" + id + "/discard", OPERATOR, null);
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
        assertThat(get("/internal/dead-letters/" + id, OPERATOR)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("DISCARDED");
        assertThat(get("/internal/dead-letters/" + id, token(newUser())).status())
                .isEqualTo(403);
    }

    @Test
    void categoryEventsRenameTheCategoryInEveryLine() throws Exception {
        long categoryId = 700_000 + (System.nanoTime() % 100_000);
        long product = catalog.create("Categorised mug", "5.00", "EUR", 10, categoryId, "Mugs");
        String token = token(newUser());
        addToCart(token, product, 1);
        // product-service renames it (version 1) and publishes the event
        long version = catalog.renameCategory(categoryId, "Mugs & Cups");
        publish(event(
                UUID.randomUUID(),
                "category.updated",
                "category",
                categoryId,
                version,
                "{\"category_id\":" + categoryId + ",\"name\":\"Mugs & Cups\"}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select category_name from cart_items where category_id = ?", String.class, categoryId))
                        .containsOnly("Mugs & Cups"));
    }

    @Test
    void theGuidesInternalEventsCallUpdatesCategoryNamesOnceAndNeedsAServiceToken() throws Exception {
        long categoryId = 800_000 + (System.nanoTime() % 100_000);
        long product = catalog.create("Guide mug", "6.00", "EUR", 10, categoryId, "Old Category");
        String user = token(newUser());
        addToCart(user, product, 1);
        String body = """
                {"event_type": "category.updated",
                 "payload": {"category_id": %d, "name": "Updated Category"},
                 "timestamp": 1234567890}""".formatted(categoryId);

        assertThat(send("POST", "/internal/events", null, body).status()).isEqualTo(401);
        assertThat(send("POST", "/internal/events", user, body).status()).isEqualTo(403);
        Response first = send("POST", "/internal/events", PRODUCT_SERVICE, body);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.body().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(first.body().get("lines_updated").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select category_name from cart_items where product_id = ?", String.class, product))
                .isEqualTo("Updated Category");
        Response again = send("POST", "/internal/events", PRODUCT_SERVICE, body);
        assertThat(again.body().get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("event_id").asString())
                .isEqualTo(first.body().get("event_id").asString());

        // the platform's full envelope works too, with its version check (the next version of the product)
        long version = catalog.change(product, "stockQuantity", 0);
        Response envelope = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                event(
                        UUID.randomUUID(),
                        "product.stock_changed",
                        "product",
                        product,
                        version,
                        "{\"product_id\":" + product + ",\"stock_quantity\":0}"));
        assertThat(envelope.body().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(line(get("/api/v1/cart", user).body(), product)
                        .get("quantity")
                        .asInt())
                .isEqualTo(1);

        Response invalid = send(
                "POST", "/internal/events", PRODUCT_SERVICE, "{\"event_type\":\"product.exploded\",\"payload\":{}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(send(
                                "POST",
                                "/internal/events",
                                PRODUCT_SERVICE,
                                "{\"event_type\":\"category.updated\",\"payload\":{\"name\":\"x\"}}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void internalEndpointsAreRateLimitedPerClient() throws Exception {
        String client = tokens.token("noisy-" + UUID.randomUUID(), "dlq:admin");
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 60 && limited == 0; i++) {
            last = get("/internal/dead-letters/0", client);
            if (last.status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(1);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(last.contentType()).startsWith("application/problem+json");
        // other clients are not affected
        assertThat(get("/internal/dead-letters/0", OPERATOR).status()).isEqualTo(404);
    }

    void publish(String event) throws Exception {
        JsonNode node = json.readTree(event);
        producer.send(new ProducerRecord<>(
                        "catalog.events.v1",
                        node.get("aggregate_type").asString() + "-"
                                + node.get("aggregate_id").asString(),
                        event))
                .get();
    }

    static String event(UUID id, String type, String aggregateType, long aggregateId, long version, String payload) {
        Instant now = Instant.now();
        return """
                {"event_id":"%s","event_type":"%s","schema_version":1,"aggregate_type":"%s","aggregate_id":"%d",
                 "aggregate_version":%d,"occurred_at":"%s","timestamp":%d,"payload":%s}""".formatted(id, type, aggregateType, aggregateId, version, now, now.getEpochSecond(), payload);
    }

    static String price(long product, String oldPrice, String newPrice) {
        return "{\"product_id\":%d,\"old_price\":\"%s\",\"new_price\":\"%s\",\"currency\":\"EUR\"}"
                .formatted(product, oldPrice, newPrice);
    }

    java.util.List<BigDecimal> snapshotPrices(long product) {
        return jdbc.queryForList("select unit_price from cart_items where product_id = ?", BigDecimal.class, product);
    }

    String outcome(UUID eventId) {
        return jdbc
                .queryForList("select outcome from processed_events where event_id = ?", String.class, eventId)
                .stream()
                .findFirst()
                .orElse(null);
    }

    double processed(String outcome) {
        return meters.find("cart.events.processed").tag("outcome", outcome).tag("source", "kafka").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
