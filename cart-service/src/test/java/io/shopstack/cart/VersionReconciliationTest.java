package io.shopstack.cart;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.shopstack.cart.CartApiTest.assertProblem;
import static io.shopstack.cart.CartApiTest.line;
import static io.shopstack.cart.CatalogEventsTest.event;
import static io.shopstack.cart.CatalogEventsTest.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A forged or far-future {@code aggregate_version} cannot pin a cart line (issue 13): a version the consumer cannot
 * explain is reconciled with product-service (here {@link FakeCatalog}), whose state and version are applied instead,
 * and the next genuine event applies as usual; with the catalog unreachable such an event is retried and
 * dead-lettered, never applied. Real Kafka and PostgreSQL. See docs/consistency-model.md.
 */
class VersionReconciliationTest extends CartServiceIntegrationTest {

    static final long FAR_FUTURE = Long.MAX_VALUE;

    @RegisterExtension
    static final KafkaTestProducer producer = new KafkaTestProducer();

    @Test
    void aFarFutureVersionFromKafkaIsReconciledAndTheNextGenuineEventApplies() throws Exception {
        long product = catalog.create("Pinned mug", "10.00", 10);
        String user = token(newUser());
        addToCart(user, product, 1);
        // product-service has moved on to version 1 (9.00); its event is still on its way
        long real = catalog.change(product, "price", "9.00");

        UUID forged = UUID.randomUUID();
        publish(
                product,
                event(
                        forged,
                        "product.price_changed",
                        "product",
                        product,
                        FAR_FUTURE,
                        price(product, "10.00", "0.01")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(forged)).isEqualTo("RECONCILED"));
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("9.0000"), real));
        assertThat(appliedVersion(product)).isEqualTo(real);

        // the next genuine event (version + 1 of the real one) is applied
        long next = catalog.change(product, "price", "8.00");
        assertThat(next).isEqualTo(real + 1);
        UUID genuine = UUID.randomUUID();
        publish(
                product,
                event(genuine, "product.price_changed", "product", product, next, price(product, "9.00", "8.00")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(genuine)).isEqualTo("APPLIED"));
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("8.0000"), next));
        assertThat(appliedVersion(product)).isEqualTo(next);
        evictProductCache();
        assertThat(line(get("/api/v1/cart", user).body(), product)
                        .get("unitPrice")
                        .decimalValue())
                .isEqualTo(new BigDecimal("8.00"));

        // the delayed genuine event of the real version is older than what was applied
        UUID late = UUID.randomUUID();
        publish(
                product,
                event(late, "product.price_changed", "product", product, real, price(product, "10.00", "9.00")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(late)).isEqualTo("STALE"));
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("8.0000"), next));
    }

    @Test
    void overHttpTheCatalogIsReadWithoutTheCallersToken() throws Exception {
        long product = catalog.create("Posted mug", "20.00", 10);
        String user = token(newUser());
        addToCart(user, product, 1);
        send("POST", "/api/v1/wishlist/items", user, "{\"productId\":" + product + "}");
        int before = catalog.authorizations().size();

        Response forged = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                event(UUID.randomUUID(), "product.updated", "product", product, FAR_FUTURE, """
                        {"product_id":%d,"name":"Free mug","price":"0.01","currency":"EUR","stock_quantity":99,
                         "active":true,"category_id":null,"category_name":null}""".formatted(product)));

        assertThat(forged.status()).as(forged.text()).isEqualTo(200);
        assertThat(forged.body().get("outcome").asString()).isEqualTo("RECONCILED");
        assertThat(forged.body().get("lines_updated").asInt()).isZero(); // the lines already show version 0
        List<String> sent = catalog.authorizations()
                .subList(before, catalog.authorizations().size());
        assertThat(sent).isNotEmpty().containsOnly("");
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("20.0000"), 0L));
        assertThat(jdbc.queryForObject(
                        "select product_name from wishlist_items where product_id = ?", String.class, product))
                .isEqualTo("Posted mug");
        assertThat(appliedVersion(product)).isZero();

        long next = catalog.change(product, "price", "19.00");
        Response genuine = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                event(
                        UUID.randomUUID(),
                        "product.price_changed",
                        "product",
                        product,
                        next,
                        price(product, "20.00", "19.00")));
        assertThat(genuine.body().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(genuine.body().get("lines_updated").asInt()).isEqualTo(2);
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("19.0000"), next));
    }

    @Test
    void withTheCatalogDownTheEventIsRetriedAndDeadLetteredNeverApplied() throws Exception {
        long product = catalog.create("Unverifiable mug", "30.00", 10);
        String user = token(newUser());
        addToCart(user, product, 1);
        catalog.failWith500();
        UUID forged = UUID.randomUUID();
        String event =
                event(forged, "product.price_changed", "product", product, FAR_FUTURE, price(product, "30.00", "0.01"));

        // over HTTP: 503, nothing recorded, so the sender may retry
        assertProblem(send("POST", "/internal/events", PRODUCT_SERVICE, event), 503, "CATALOG_UNAVAILABLE");
        assertThat(outcome(forged)).isNull();

        // from Kafka: every attempt fails, then the dead-letter topic
        publish(product, event);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "select count(*) from dead_letters where event_id = ?", Integer.class, forged))
                        .isEqualTo(1));
        assertThat(outcome(forged)).isNull();
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("30.0000"), 0L));
        assertThat(appliedVersion(product)).isNull();

        // once the catalog answers, the operator's replay reconciles it
        catalog.up();
        circuitBreakers.circuitBreaker("product-service").reset();
        long id = jdbc.queryForObject("select id from dead_letters where event_id = ?", Long.class, forged);
        Response replay = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.body().get("outcome").asString()).isEqualTo("RECONCILED");
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("30.0000"), 0L));
        assertThat(appliedVersion(product)).isZero();
    }

    @Test
    void aFarFutureVersionForAProductNobodyHoldsIsNotRecorded() throws Exception {
        long product = catalog.create("Unheld mug", "5.00", 10);
        int requests = catalog.requests();
        Response forged = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                event(
                        UUID.randomUUID(),
                        "product.price_changed",
                        "product",
                        product,
                        FAR_FUTURE,
                        price(product, "5.00", "0.01")));
        assertThat(forged.body().get("outcome").asString()).as(forged.text()).isEqualTo("APPLIED");
        assertThat(forged.body().get("lines_updated").asInt()).isZero();
        assertThat(appliedVersion(product)).isNull();
        assertThat(catalog.requests()).isEqualTo(requests); // nothing to reconcile, no call

        // a shopper adds it later (live read: version 0); the next genuine event applies
        String user = token(newUser());
        addToCart(user, product, 1);
        long next = catalog.change(product, "price", "4.00");
        Response genuine = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                event(
                        UUID.randomUUID(),
                        "product.price_changed",
                        "product",
                        product,
                        next,
                        price(product, "5.00", "4.00")));
        assertThat(genuine.body().get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("4.0000"), next));
    }

    @Test
    void aFarFutureCategoryVersionCannotPinTheCategoryName() throws Exception {
        long categoryId = 900_000 + (System.nanoTime() % 100_000);
        long product = catalog.create("Category mug", "7.00", "EUR", 10, categoryId, "Mugs");
        addToCart(token(newUser()), product, 1);

        UUID forged = UUID.randomUUID();
        publish(
                "category-" + categoryId,
                event(forged, "category.updated", "category", categoryId, FAR_FUTURE, """
                {"category_id":%d,"name":"Hacked"}""".formatted(categoryId)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(forged)).isEqualTo("RECONCILED"));
        assertThat(categoryNames(categoryId)).containsOnly("Mugs");

        long next = catalog.renameCategory(categoryId, "Mugs & Cups");
        UUID genuine = UUID.randomUUID();
        publish(
                "category-" + categoryId,
                event(genuine, "category.updated", "category", categoryId, next, """
                {"category_id":%d,"name":"Mugs & Cups"}""".formatted(categoryId)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outcome(genuine)).isEqualTo("APPLIED"));
        assertThat(categoryNames(categoryId)).containsOnly("Mugs & Cups");
    }

    @Test
    void anotherSchemaVersionIsRefused() throws Exception {
        long product = catalog.create("Schema mug", "3.00", 10);
        addToCart(token(newUser()), product, 1);
        UUID id = UUID.randomUUID();
        String v2 = event(id, "product.price_changed", "product", product, 1, price(product, "3.00", "2.00"))
                .replace("\"schema_version\":1", "\"schema_version\":2");

        assertProblem(send("POST", "/internal/events", PRODUCT_SERVICE, v2), 400, "INVALID_EVENT");

        assertThat(outcome(id)).isNull();
        assertThat(lines(product)).containsOnly(List.of(new BigDecimal("3.0000"), 0L));
    }

    void publish(long product, String event) throws Exception {
        publish("product-" + product, event);
    }

    void publish(String key, String event) throws Exception {
        producer.send(new ProducerRecord<>("catalog.events.v1", key, event)).get();
    }

    /** Each cart and wishlist line of the product as [unit_price, product_version]. */
    List<List<Object>> lines(long product) {
        return jdbc.query("""
                select unit_price, product_version from cart_items where product_id = ?
                union all select unit_price, product_version from wishlist_items where product_id = ?""", (rs, row) -> List.of(rs.getBigDecimal(1), rs.getLong(2)), product, product);
    }

    List<String> categoryNames(long categoryId) {
        return jdbc.queryForList(
                "select category_name from cart_items where category_id = ?", String.class, categoryId);
    }

    Long appliedVersion(long product) {
        return jdbc
                .queryForList(
                        "select version from aggregate_versions where aggregate_type = 'product' and aggregate_id = ?",
                        Long.class,
                        String.valueOf(product))
                .stream()
                .findFirst()
                .orElse(null);
    }

    String outcome(UUID eventId) {
        return jdbc
                .queryForList("select outcome from processed_events where event_id = ?", String.class, eventId)
                .stream()
                .findFirst()
                .orElse(null);
    }
}
