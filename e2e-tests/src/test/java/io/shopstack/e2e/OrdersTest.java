package io.shopstack.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checkout through the gateway on the real platform: the order saga across order-service, product-service (stock),
 * the payment simulator and cart-service (docs/order-saga.md).
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersTest extends PlatformTest {

    static final String APPROVED = "4242 4242 4242 4242";
    static final String TIMES_OUT = "4000 0000 0000 0119";
    /** A checkout's bound: placed to CONFIRMED or CANCELLED (the payment timeout card takes ~3 s). */
    static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);

    /** The first test's order, for the hostile one. */
    static String bobsOrder;

    @Test
    @Order(1)
    void aCartBecomesAConfirmedOrderTheStockGoesDownTheCartEmptiesAndHistoryShowsIt() throws Exception {
        String bob = userToken("bob");
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", bob, null).statusCode())
                .isEqualTo(204);
        List<ProductRef> catalog =
                products().stream().filter(p -> p.stock() >= 10).toList();
        ProductRef first = catalog.get(5);
        ProductRef second = catalog.get(6);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", bob, ShoppingJourneyTest.item(first.id(), 2))
                        .statusCode())
                .isIn(200, 201);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", bob, ShoppingJourneyTest.item(second.id(), 1))
                        .statusCode())
                .isIn(200, 201);
        int firstStock = product(first.id()).stock();
        int secondStock = product(second.id()).stock();

        String traceId = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        long begin = System.nanoTime();
        var placed = platform.send(HttpRequest.newBuilder(url(GATEWAY, "/api/v1/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentMethod\":\"" + APPROVED + "\"}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bob)
                .header("Idempotency-Key", key())
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01"));
        long placeMillis = (System.nanoTime() - begin) / 1_000_000;
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String id = json(placed, "$.id");
        var order = awaitFinal(bob, id);
        long settledMillis = (System.nanoTime() - begin) / 1_000_000;
        assertThat((String) json(order, "$.status")).as(order.body()).isEqualTo("CONFIRMED");
        BigDecimal expected = new BigDecimal(product(first.id()).price())
                .multiply(BigDecimal.TWO)
                .add(new BigDecimal(product(second.id()).price()));
        assertThat(new BigDecimal(json(order, "$.total").toString())).isEqualByComparingTo(expected);
        Scenarios.note("POST answered in " + placeMillis + " ms, CONFIRMED " + settledMillis + " ms after it");

        assertThat(product(first.id()).stock()).isEqualTo(firstStock - 2);
        assertThat(product(second.id()).stock()).isEqualTo(secondStock - 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat((Integer) json(get(GATEWAY, "/api/v1/cart", bob), "$.items.length()"))
                        .isZero());
        var history = get(GATEWAY, "/api/v1/orders", bob);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains(id);
        bobsOrder = id;

        // One trace for the whole order: the request, the cart read, every saga message and its consumer.
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var trace = platform.send(
                            HttpRequest.newBuilder(platform.url("SHOPSTACK_ZIPKIN_PORT", "/api/v2/trace/" + traceId)));
                    assertThat(trace.statusCode()).isEqualTo(200);
                    assertThat(trace.body())
                            .contains("\"serviceName\":\"gateway\"")
                            .contains("\"serviceName\":\"order-service\"")
                            .contains("\"serviceName\":\"cart-service\"")
                            .contains("\"serviceName\":\"product-service\"")
                            .contains("outbox publish stock.reserve") // order-service → stock
                            .contains("outbox publish stock.reserved") // product-service's reply
                            .contains("outbox publish stock.confirm")
                            .contains("outbox publish stock.confirmed")
                            .contains("outbox publish order.confirmed"); // → cart-service
                });
    }

    @Test
    @Order(2)
    void threeShoppersRaceForTwoItemsExactlyTwoAreConfirmedAndTheStockNeverGoesNegative() throws Exception {
        long productId = newProduct(2);
        List<String> shoppers = List.of("alice", "bob", "admin");
        Map<String, String> tokens = new HashMap<>();
        for (String shopper : shoppers) {
            String token = userToken(shopper);
            tokens.put(shopper, token);
            assertThat(call("DELETE", GATEWAY, "/api/v1/cart", token, null).statusCode())
                    .isEqualTo(204);
            var added = call("POST", GATEWAY, "/api/v1/cart/items", token, ShoppingJourneyTest.item(productId, 1));
            assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(shoppers.size())) {
            for (String shopper : shoppers) {
                ids.add(pool.submit(() -> {
                    start.await();
                    var placed = placeRetrying(tokens.get(shopper), key(), "{\"paymentMethod\":\"" + APPROVED + "\"}")
                            .getLast();
                    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
                    return json(placed, "$.id");
                }));
            }
            start.countDown();
            Map<String, Integer> outcomes = new HashMap<>();
            for (int i = 0; i < shoppers.size(); i++) {
                var order = awaitFinal(tokens.get(shoppers.get(i)), ids.get(i).get());
                String outcome = json(order, "$.status")
                        + ("CANCELLED".equals(json(order, "$.status"))
                                ? ":" + json(order, "$.cancellationReason")
                                : "");
                outcomes.merge(outcome, 1, Integer::sum);
            }
            assertThat(outcomes).isEqualTo(Map.of("CONFIRMED", 2, "CANCELLED:OUT_OF_STOCK", 1));
        }
        assertThat(product(productId).stock()).isZero();
        assertStockAddsUp(productId);
    }

    @Test
    @Order(3)
    void theSameIdempotencyKeyFiveTimesAtOnceMakesOneOrderAndAPaymentTimeoutGivesTheStockBack() throws Exception {
        String alice = userToken("alice");
        long productId = newProduct(5);
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", alice, null).statusCode())
                .isEqualTo(204);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", alice, ShoppingJourneyTest.item(productId, 1))
                        .statusCode())
                .isIn(200, 201);
        String key = key();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return placeRetrying(alice, key, "{\"paymentMethod\":\"" + TIMES_OUT + "\"}")
                            .getLast();
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> answer : answers) {
                var response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                ids.add(json(response, "$.id"));
            }
            assertThat(ids).hasSize(1);
            String id = ids.iterator().next();
            var order = awaitFinal(alice, id);
            assertThat((String) json(order, "$.cancellationReason")).isEqualTo("PAYMENT_TIMEOUT");
            assertThat(count("orders", "select count(*) from orders where idempotency_key = ?", key))
                    .isEqualTo(1);
            assertThat(count("orders", "select count(*) from simulated_payments where order_id = ?::uuid", id))
                    .as("nothing charged")
                    .isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> product(productId).stock() == 5);
        assertStockAddsUp(productId);
        // the cart is kept when an order fails: the shopper may try another card
        assertThat((Integer) json(get(GATEWAY, "/api/v1/cart", alice), "$.items.length()"))
                .isEqualTo(1);
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", alice, null).statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(4)
    void hostileCheckoutsAreRefusedAndAnotherUsersOrderIsNotFound() throws Exception {
        String alice = userToken("alice");
        var priced = place(alice, key(), "{\"paymentMethod\":\"" + APPROVED + "\",\"total\":\"0.01\"}");
        assertProblemShape(priced, 400, "a price in the order request");
        assertThat(priced.body()).contains("UNKNOWN_FIELD");
        var lines = place(
                alice,
                key(),
                "{\"paymentMethod\":\"" + APPROVED + "\",\"lines\":[{\"productId\":1,\"quantity\":-1000000}]}");
        assertProblemShape(lines, 400, "lines in the order request");
        var noKey = call("POST", GATEWAY, "/api/v1/orders", alice, "{\"paymentMethod\":\"" + APPROVED + "\"}");
        assertProblemShape(noKey, 400, "no idempotency key");
        assertThat(bobsOrder).as("the journey's order").isNotNull();
        assertProblemShape(get(GATEWAY, "/api/v1/orders/" + bobsOrder, alice), 404, "someone else's order");
        assertProblemShape(
                call("POST", GATEWAY, "/api/v1/orders/" + bobsOrder + "/cancel", alice, null),
                404,
                "cancelling someone else's order");
        assertThat(get(GATEWAY, "/api/v1/orders", alice).body()).doesNotContain(bobsOrder);
        assertProblemShape(get(GATEWAY, "/api/v1/orders", null), 401, "orders without a token");
    }

    // ------------------------------------------------------------------ helpers

    record Checkout(String outcome, long answeredMillis, long settledMillis, int attempts) {}

    /**
     * One checkout as a careful client does it: a 503 (Retry-After) is retried with the same idempotency key, so it
     * can never make a second order; then the order is followed to its final state.
     */
    static Checkout checkout(String token, String body) throws Exception {
        long begin = System.nanoTime();
        List<HttpResponse<String>> tries = placeRetrying(token, key(), body);
        HttpResponse<String> placed = tries.getLast();
        int attempts = tries.size();
        long answered = (System.nanoTime() - begin) / 1_000_000;
        if (placed.statusCode() == 422) {
            // refused at once: the shopper's cart already showed the stock as gone
            return new Checkout("REFUSED:" + json(placed, "$.code"), answered, answered, attempts);
        }
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        var order = awaitFinal(token, json(placed, "$.id"));
        long settled = (System.nanoTime() - begin) / 1_000_000;
        String status = json(order, "$.status");
        String outcome = status.equals("CANCELLED") ? status + ":" + json(order, "$.cancellationReason") : status;
        return new Checkout(outcome, answered, settled, attempts);
    }

    static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    static String key() {
        return "e2e-" + UUID.randomUUID();
    }

    /**
     * POSTs until the answer is not a 503 (whose Retry-After, 1 to 5 s, is awaited), always with the same key: a retry
     * can never make a second order. Returns every answer, the last one last.
     */
    static List<HttpResponse<String>> placeRetrying(String token, String key, String body) {
        List<HttpResponse<String>> tries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    tries.add(place(token, key, body));
                    return tries.getLast().statusCode() != 503;
                });
        return tries;
    }

    /** One POST (no retry: {@link #checkout} shows how a client retries). */
    static HttpResponse<String> place(String token, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(GATEWAY, "/api/v1/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key);
        return platform.send(request);
    }

    static HttpResponse<String> awaitFinal(String token, String id) {
        return awaitFinal(token, id, SETTLES_WITHIN);
    }

    static HttpResponse<String> awaitFinal(String token, String id, Duration within) {
        List<HttpResponse<String>> last = new ArrayList<>();
        // 4 polls a second: under the orders route's limit of 5 a second per user
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            var order = get(GATEWAY, "/api/v1/orders/" + id, token);
            last.add(0, order);
            String status = order.statusCode() == 200 ? json(order, "$.status") : "";
            return status.equals("CONFIRMED") || status.equals("CANCELLED");
        });
        return last.getFirst();
    }

    /** A product only this test buys, made by the admin through the gateway. */
    static long newProduct(int stock) throws Exception {
        var created = call(
                "POST",
                GATEWAY,
                "/api/products",
                userToken("admin"),
                "{\"name\":\"Limited " + UUID.randomUUID().toString().substring(0, 8) + "\",\"price\":\"19.90\","
                        + "\"stockQuantity\":" + stock + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) json(created, "$.id")).longValue();
    }

    /** initial = on hand + reserved + sold, for a product whose every change came from orders after its creation. */
    static void assertStockAddsUp(long productId) throws Exception {
        long onHand = count("product", "select stock_quantity from products where id = ?", productId);
        long reserved = count(
                "product",
                "select coalesce(sum(l.quantity), 0) from stock_reservation_lines l join stock_reservations r"
                        + " using (order_id) where r.status = 'RESERVED' and l.product_id = ?",
                productId);
        long sold = count(
                "product",
                "select coalesce(sum(l.quantity), 0) from stock_reservation_lines l join stock_reservations r"
                        + " using (order_id) where r.status = 'CONFIRMED' and l.product_id = ?",
                productId);
        long initial = count(
                "product",
                "select (payload::json -> 'payload' ->> 'stock_quantity')::int from outbox_events"
                        + " where aggregate_type = 'product' and aggregate_id = ? and event_type = 'product.created'",
                String.valueOf(productId));
        assertThat(onHand + reserved + sold)
                .as("on hand %d + reserved %d + sold %d", onHand, reserved, sold)
                .isEqualTo(initial);
    }
}
