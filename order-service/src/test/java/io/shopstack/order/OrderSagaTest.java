package io.shopstack.order;

import io.shopstack.events.order.StockCommand;
import io.shopstack.events.order.StockReply;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.order.order.OrderSaga;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.SharedInfrastructure;
import io.shopstack.testsupport.TestTokenIssuer;
import io.shopstack.testsupport.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-service on real PostgreSQL and Kafka: the API, idempotency, the saga's happy path and every compensation.
 * cart-service is an HTTP double ({@link FakeCart}); product-service's stock side a Kafka double ({@link StockDouble}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedServiceTest
@WithInfrastructure(
        value = {Server.POSTGRES, Server.KAFKA},
        database = "orders")
@ActiveProfiles("test")
class OrderSagaTest {

    static final String APPROVED = "4242 4242 4242 4242";
    static final String DECLINED = "4000 0000 0000 0002";
    static final String TIMES_OUT = "4000 0000 0000 0119";

    static final TestTokenIssuer tokens = TestTokenIssuer.start();
    static final FakeCart cart = FakeCart.start();
    static final AtomicLong products = new AtomicLong(500);
    static StockDouble stock;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        tokens.register(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", cart::uri);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderSaga saga;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stockSide() {
        if (stock == null) {
            EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
            stock = new StockDouble(infrastructure.kafkaBootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(stock::ready);
        }
        stock.silent(false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stock != null) {
            stock.close();
        }
        cart.close();
    }

    @Test
    void aCartBecomesAConfirmedOrderAtTheCatalogsPricesAndTheCartHearsOfIt() throws Exception {
        String user = newUser();
        long mug = product(5);
        long kettle = product(5);
        cart.put(user, new FakeCart.Item(mug, 2, false), new FakeCart.Item(kettle, 1, false));
        try (KafkaConsumer<String, String> events = subscribe("order.events.v1")) {
            Response placed = place(user, key(), APPROVED);
            assertThat(placed.status()).as(placed.body()).isEqualTo(202);
            assertThat(placed.json().get("status").asString()).isEqualTo("PLACED");
            assertThat(placed.headers().firstValue("Idempotent-Replayed")).hasValue("false");
            String id = placed.json().get("id").asString();

            JsonNode order = awaitStatus(user, id, "CONFIRMED");
            assertThat(order.get("total").decimalValue())
                    .isEqualByComparingTo(StockDouble.PRICE.multiply(new BigDecimal(3)));
            assertThat(order.get("lines").get(0).get("name").asString()).startsWith("Product ");
            assertThat(order.get("card").asString()).isEqualTo("•••• 4242");
            assertThat(order.get("cancellable").asBoolean()).isFalse();
            assertThat(stock.commandsFor(UUID.fromString(id)))
                    .containsExactly(StockCommand.Type.RESERVE, StockCommand.Type.CONFIRM);
            assertThat(payments(id)).containsExactly("AUTHORIZED");

            List<JsonNode> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                events.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (id.equals(record.key())) {
                        published.add(json.readTree(record.value()));
                    }
                });
                return !published.isEmpty();
            });
            assertThat(published.getFirst().get("type").asString()).isEqualTo("order.confirmed");
            assertThat(published.getFirst().get("user_id").asString()).isEqualTo(user);
            assertThat(published.getFirst().get("lines")).hasSize(2);
        }

        Response history = send("GET", "/api/v1/orders", token(user), null, null);
        assertThat(history.json().get("orders")).hasSize(1);

        // what dashboards and the OrdersStuck alert read
        assertThat(meters.get("shopstack.orders")
                        .tag("status", "CONFIRMED")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("shopstack.orders.stuck").gauge().value()).isZero();
        assertThat(meters.get("shopstack.orders.saga.step")
                        .tag("status", "CONFIRMED")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeclinedCardCancelsTheOrderAndReleasesTheStock() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(5), 1, false));
        String id = place(user, key(), DECLINED).json().get("id").asString();
        JsonNode order = awaitStatus(user, id, "CANCELLED");
        assertThat(order.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stock.commandsFor(UUID.fromString(id)).contains(StockCommand.Type.RELEASE));
        assertThat(payments(id)).containsExactly("DECLINED:card_declined");
    }

    @Test
    void aPaymentThatTimesOutIsVoidedAndTheOrderCancelled() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(5), 1, false));
        String id = place(user, key(), TIMES_OUT).json().get("id").asString();
        JsonNode order = awaitStatus(user, id, "CANCELLED");
        assertThat(order.get("cancellationReason").asString()).isEqualTo("PAYMENT_TIMEOUT");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stock.commandsFor(UUID.fromString(id)).contains(StockCommand.Type.RELEASE));
        assertThat(payments(id)).isEmpty(); // nothing was charged
    }

    @Test
    void outOfStockCancelsWithAClearReason() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(1), 2, false));
        String id = place(user, key(), APPROVED).json().get("id").asString();
        JsonNode order = awaitStatus(user, id, "CANCELLED");
        assertThat(order.get("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(payments(id)).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyFiveTimesAtOnceMakesOneOrder() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(5), 1, false));
        String key = key();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return place(user, key, APPROVED);
                }));
            }
            start.countDown();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                ids.add(response.json().get("id").asString());
            }
            assertThat(ids).hasSize(1);
            String id = ids.iterator().next();
            awaitStatus(user, id, "CONFIRMED");
            assertThat(jdbc.queryForObject("select count(*) from orders where user_id = ?", Integer.class, user))
                    .isEqualTo(1);
            assertThat(stock.commandsFor(UUID.fromString(id))).containsOnlyOnce(StockCommand.Type.RESERVE);
            assertThat(payments(id)).containsExactly("AUTHORIZED");
        }
        Response reused = place(user, key, DECLINED);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aRedeliveredReplyChangesNothingAndNothingIsChargedTwice() throws Exception {
        String user = newUser();
        long product = product(5);
        cart.put(user, new FakeCart.Item(product, 1, false));
        String id = place(user, key(), APPROVED).json().get("id").asString();
        awaitStatus(user, id, "CONFIRMED");
        UUID orderId = UUID.fromString(id);
        StockReply reserved = StockReply.of(
                StockReply.Type.RESERVED,
                orderId,
                List.of(new io.shopstack.events.order.PricedLine(product, "Other", 1, BigDecimal.ONE, "EUR")),
                null,
                null);
        saga.onStockReply(reserved);
        saga.onStockReply(StockReply.of(StockReply.Type.CONFIRMED, orderId, List.of(), null, null));
        saga.onStockReply(
                StockReply.of(StockReply.Type.REJECTED, orderId, List.of(), StockReply.Reason.OUT_OF_STOCK, null));
        JsonNode order =
                send("GET", "/api/v1/orders/" + id, token(user), null, null).json();
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo(StockDouble.PRICE);
        assertThat(payments(id)).containsExactly("AUTHORIZED");
    }

    @Test
    void paymentStepsRacingForOneOrderChargeOnceAndNeverVoidAPaidOrder() throws Exception {
        String user = newUser();
        UUID orderId = UUID.randomUUID();
        long product = product(5);
        // an order that reached STOCK_RESERVED (its reply redelivered while the sweeper also picks it up)
        jdbc.update("""
                insert into orders (id, user_id, idempotency_key, request_hash, status, currency, total, payment_token,
                                    card_last4)
                values (?, ?, ?, 'test', 'STOCK_RESERVED', 'EUR', 7.25, 'sim_approve_4242', '4242')""", orderId, user, key());
        jdbc.update(
                "insert into order_lines (order_id, product_id, quantity, name, unit_price) values (?, ?, 1, 'Mug', 7.25)",
                orderId,
                product);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> racers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                racers.add(pool.submit(() -> {
                    start.await();
                    saga.pay(orderId);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> racer : racers) {
                racer.get();
            }
        }
        awaitStatus(user, orderId.toString(), "CONFIRMED");
        assertThat(payments(orderId.toString())).containsExactly("AUTHORIZED");
        assertThat(stock.commandsFor(orderId)).containsOnlyOnce(StockCommand.Type.CONFIRM);
    }

    @Test
    void anOrderTheStockNeverAnswersIsCancelledByTheSweeperAndItsStockReleased() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(5), 1, false));
        stock.silent(true);
        String id = place(user, key(), APPROVED).json().get("id").asString();
        JsonNode order = awaitStatus(user, id, "CANCELLED");
        assertThat(order.get("cancellationReason").asString()).isEqualTo("STOCK_TIMEOUT");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stock.commandsFor(UUID.fromString(id)).contains(StockCommand.Type.RELEASE));
    }

    @Test
    void theCustomerCancelsBeforePaymentAndNotAfter() throws Exception {
        String user = newUser();
        cart.put(user, new FakeCart.Item(product(5), 1, false));
        stock.silent(true);
        String id = place(user, key(), APPROVED).json().get("id").asString();
        Response cancelled = send("POST", "/api/v1/orders/" + id + "/cancel", token(user), null, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("cancellationReason").asString()).isEqualTo("CANCELLED_BY_CUSTOMER");
        assertThat(send("POST", "/api/v1/orders/" + id + "/cancel", token(user), null, null)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stock.commandsFor(UUID.fromString(id)).contains(StockCommand.Type.RELEASE));

        stock.silent(false);
        String confirmed = place(user, key(), APPROVED).json().get("id").asString();
        awaitStatus(user, confirmed, "CONFIRMED");
        Response late = send("POST", "/api/v1/orders/" + confirmed + "/cancel", token(user), null, null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asString()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void hostileRequestsGetAClearProblemAndCreateNothing() throws Exception {
        String user = newUser();
        String alice = token(user);
        cart.put(user, new FakeCart.Item(product(5), 1, false));

        expectProblem(
                send("POST", "/api/v1/orders", alice, null, "{\"paymentMethod\":\"" + APPROVED + "\"}"),
                400,
                "IDEMPOTENCY_KEY_REQUIRED");
        expectProblem(
                send("POST", "/api/v1/orders", alice, "short", "{\"paymentMethod\":\"" + APPROVED + "\"}"),
                400,
                "IDEMPOTENCY_KEY_INVALID");
        expectProblem(
                send("POST", "/api/v1/orders", alice, "bad key with spaces", "{}"), 400, "IDEMPOTENCY_KEY_INVALID");
        expectProblem(place(user, key(), "4242 4242 4242 4241"), 400, "PAYMENT_METHOD_INVALID");
        expectProblem(place(user, key(), "<script>"), 400, "PAYMENT_METHOD_INVALID");
        expectProblem(
                send("POST", "/api/v1/orders", alice, key(), "{\"paymentMethod\":\"" + APPROVED + "\",\"total\":0.01}"),
                400,
                "UNKNOWN_FIELD");
        expectProblem(
                send(
                        "POST",
                        "/api/v1/orders",
                        alice,
                        key(),
                        "{\"paymentMethod\":\"" + APPROVED
                                + "\",\"lines\":[{\"productId\":1,\"quantity\":-5,\"unitPrice\":0}]}"),
                400,
                "UNKNOWN_FIELD");
        expectProblem(send("POST", "/api/v1/orders", alice, key(), "[1,2]"), 400, "PAYMENT_METHOD_INVALID");
        expectProblem(
                send("POST", "/api/v1/orders", alice, key(), "{\"paymentMethod\":12}"), 400, "PAYMENT_METHOD_INVALID");
        assertThat(send("POST", "/api/v1/orders", alice, key(), "{not json").status())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from orders where user_id = ?", Integer.class, user))
                .isZero();

        String empty = newUser();
        expectProblem(place(empty, key(), APPROVED), 422, "CART_EMPTY");
        String unavailable = newUser();
        cart.put(unavailable, new FakeCart.Item(product(5), 1, true));
        expectProblem(place(unavailable, key(), APPROVED), 422, "CART_HAS_UNAVAILABLE_ITEMS");
        String soldOut = newUser();
        cart.put(soldOut, new FakeCart.Item(product(5), 1, true, "OUT_OF_STOCK"));
        expectProblem(place(soldOut, key(), APPROVED), 422, "OUT_OF_STOCK");

        // someone else's order: not found, whether read or cancelled
        String id = place(user, key(), APPROVED).json().get("id").asString();
        String mallory = token(newUser());
        expectProblem(send("GET", "/api/v1/orders/" + id, mallory, null, null), 404, "NOT_FOUND");
        expectProblem(send("POST", "/api/v1/orders/" + id + "/cancel", mallory, null, null), 404, "NOT_FOUND");
        expectProblem(send("GET", "/api/v1/orders/not-a-uuid", alice, null, null), 404, "NOT_FOUND");
        assertThat(send("GET", "/api/v1/orders", mallory, null, null).json().get("orders"))
                .isEmpty();

        // a token without the orders scope, and none at all
        assertThat(send("GET", "/api/v1/orders", tokens.token(user, "openid cart"), null, null)
                        .status())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/orders", null, null, null).status()).isEqualTo(401);
        // the API document is public (the gateway serves it at /openapi/order-service)
        assertThat(send("GET", "/v3/api-docs", null, null, null).body()).contains("/api/v1/orders/{id}/cancel");
    }

    /** A reply the saga cannot read ends in its dead-letter topic and in the operator API (platform-dead-letters). */
    @Test
    void anUnreadableStockReplyIsDeadLetteredForTheOperator() throws Exception {
        UUID messageId = UUID.randomUUID();
        String operator = tokens.token("operator", "dlq:admin");
        String servers =
                SharedInfrastructure.require(Set.of(Server.KAFKA), null).kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(
                    StockReply.TOPIC, UUID.randomUUID().toString(), """
                    {"message_id": "%s", "type": "stock.teleported", "order_id": "%s"}""".formatted(messageId, UUID.randomUUID())));
        }
        JsonNode[] letter = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Response list = send("GET", "/internal/dead-letters?limit=500", operator, null, null);
                    assertThat(list.status()).as(list.body()).isEqualTo(200);
                    list.json().get("items").forEach(item -> {
                        if (messageId.toString().equals(item.path("eventId").asString(null))) {
                            letter[0] = item;
                        }
                    });
                    return letter[0] != null;
                });
        assertThat(letter[0].get("sourceTopic").asString()).isEqualTo(StockReply.TOPIC);
        assertThat(letter[0].get("attempts").asInt()).isEqualTo(4);
        long id = letter[0].get("id").asLong();
        assertThat(send("GET", "/internal/dead-letters/" + id, token(newUser()), null, null)
                        .status())
                .isEqualTo(403);
        Response replay = send("POST", "/internal/dead-letters/" + id + "/replay", operator, null, null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().get("outcome").asString()).isEqualTo("FAILED");
        Response discarded = send("POST", "/internal/dead-letters/" + id + "/discard", operator, null, null);
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(discarded.json().get("status").asString()).isEqualTo("DISCARDED");
        expectProblem(
                send("POST", "/internal/dead-letters/" + id + "/discard", operator, null, null),
                409,
                "DEAD_LETTER_NOT_PENDING");
    }

    // --- helpers

    static String newUser() {
        return "shopper-" + UUID.randomUUID();
    }

    static String token(String user) {
        return tokens.token(user, "openid cart orders");
    }

    static String key() {
        return "key-" + UUID.randomUUID();
    }

    long product(int inStock) {
        long id = products.incrementAndGet();
        stock.stock(id, inStock);
        return id;
    }

    List<String> payments(String orderId) {
        return jdbc.queryForList(
                "select status from simulated_payments where order_id = ?", String.class, UUID.fromString(orderId));
    }

    /**
     * Places an order as a careful client does: a 503 (the database pool answers "unavailable" when a loaded machine
     * cannot open a connection within 250 ms) is retried with the same key, which can never make a second order.
     */
    Response place(String user, String key, String card) throws Exception {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = send("POST", "/api/v1/orders", token(user), key, "{\"paymentMethod\":\"" + card + "\"}");
                    return last[0].status() != 503;
                });
        return last[0];
    }

    JsonNode awaitStatus(String user, String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    last[0] = send("GET", "/api/v1/orders/" + id, token(user), null, null)
                            .json();
                    String now = last[0].has("status") ? last[0].get("status").asString() : "";
                    return status.equals(now) || "CANCELLED".equals(now);
                });
        assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo(status);
        return last[0];
    }

    void expectProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    KafkaConsumer<String, String> subscribe(String topic) {
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
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
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    record Response(int status, String body, java.net.http.HttpHeaders headers, JsonNode json) {}

    Response send(String method, String path, String token, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        return new Response(response.statusCode(), response.body(), response.headers(), parsed);
    }
}
