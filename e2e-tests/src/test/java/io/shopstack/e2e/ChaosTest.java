package io.shopstack.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.shopstack.e2e.ShoppingJourneyTest.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Parts of the running platform fail (kill -9 of a service, Kafka, Redis or PostgreSQL stopped) while users go on through the
 * gateway; each scenario checks what users see during the failure and that the platform recovers without restarting
 * the survivors. Runs after the non-destructive classes; each scenario leaves the platform whole again.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosTest extends PlatformTest {

    @Test
    @Order(1)
    void productServiceKilledTheCircuitOpensReadsKeepWorkingWritesFailFastAndARestartRecovers() throws Exception {
        String alice = userToken("alice");
        String bob = userToken("bob");
        List<ProductRef> catalog =
                products().stream().filter(p -> p.stock() >= 10).toList();
        assertThat(call(
                                "POST",
                                GATEWAY,
                                "/api/v1/cart/items",
                                alice,
                                item(catalog.get(11).id(), 1))
                        .statusCode())
                .isIn(200, 201);
        var before = get(GATEWAY, "/api/v1/cart", alice);
        assertThat(before.statusCode()).isEqualTo(200);
        int lines = json(before, "$.items.length()");
        long survivorPid = pid("cart-service-1");

        long killed = System.nanoTime();
        kill("product-service-1");

        // Writes need live product data: 503 CATALOG_UNAVAILABLE until the circuit opens, then at once.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(150))
                .until(() -> {
                    var add = call(
                            "POST",
                            GATEWAY,
                            "/api/v1/cart/items",
                            bob,
                            item(catalog.get(12).id(), 1));
                    assertThat(add.statusCode()).as(add.body()).isIn(503, 429);
                    return "OPEN".equals(circuitState());
                });
        Scenarios.note("circuit open " + Scenarios.seconds(killed) + " after kill -9");
        long writeBegin = System.nanoTime();
        var refused = call(
                "POST", GATEWAY, "/api/v1/cart/items", bob, item(catalog.get(12).id(), 1));
        long writeMillis = (System.nanoTime() - writeBegin) / 1_000_000;
        assertProblemShape(refused, 503, "cart write while the catalog is down");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("CATALOG_UNAVAILABLE");
        assertThat(writeMillis).as("an open circuit fails fast").isLessThan(500);
        Scenarios.note("write refused in " + writeMillis + " ms");

        // Reads keep working (cache, then the lines' snapshots) with every line still there.
        var during = get(GATEWAY, "/api/v1/cart", alice);
        assertThat(during.statusCode()).as(during.body()).isEqualTo(200);
        assertThat((int) json(during, "$.items.length()")).isEqualTo(lines);
        assertThat(get(GATEWAY, "/api/v1/wishlist", alice).statusCode()).isEqualTo(200);
        // The catalog itself is down: the gateway answers for it (problem+json), it does not hang.
        var catalogDown = get(GATEWAY, "/api/products", null);
        assertProblemShape(catalogDown, 503, "gateway fallback for the catalog");

        long restart = System.nanoTime();
        assertThat(platform.run("start", "product-service"))
                .as("./platform start product-service")
                .isZero();
        Scenarios.note("product-service back in " + Scenarios.seconds(restart));
        long recovering = System.nanoTime();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> call(
                                                "POST",
                                                GATEWAY,
                                                "/api/v1/cart/items",
                                                bob,
                                                item(catalog.get(12).id(), 1))
                                        .statusCode()
                                / 100
                        == 2);
        Scenarios.note("writes work " + Scenarios.seconds(recovering) + " after the restart");
        // Half-open lets a few calls through; their successes close the circuit.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    assertThat(call(
                                            "POST",
                                            GATEWAY,
                                            "/api/v1/cart/items",
                                            bob,
                                            item(catalog.get(12).id(), 1))
                                    .statusCode())
                            .isIn(200, 201);
                    return "CLOSED".equals(circuitState());
                });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(GATEWAY, "/api/products", null).statusCode() == 200);
        assertThat(pid("cart-service-1")).as("cart-service was not restarted").isEqualTo(survivorPid);
    }

    @Test
    @Order(2)
    void kafkaStoppedWhilePricesChangeEveryChangeReachesTheCartOnceKafkaIsBack() throws Exception {
        String bob = userToken("bob");
        List<ProductRef> repriced =
                products().stream().filter(p -> p.stock() >= 10).toList().subList(13, 16);
        for (ProductRef product : repriced) {
            assertThat(call("POST", GATEWAY, "/api/v1/cart/items", bob, item(product.id(), 1))
                            .statusCode())
                    .isIn(200, 201);
        }
        // A checkout while Kafka is down: accepted, its saga waits in the outboxes. (The admin shops here: the Redis
        // scenario reads alice's cart, which must keep its items.)
        String shopper = userToken("admin");
        long limited = OrdersTest.newProduct(3);
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", shopper, null).statusCode())
                .isEqualTo(204);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", shopper, item(limited, 2))
                        .statusCode())
                .isIn(200, 201);
        long outboxBefore = count("product", "select coalesce(max(id), 0) from outbox_events");

        assertThat(platform.run("infra", "stop", "kafka"))
                .as("./platform infra stop kafka")
                .isZero();
        var placed = OrdersTest.place(shopper, OrdersTest.key(), "{\"paymentMethod\":\"4242424242424242\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = json(placed, "$.id");
        Map<Long, String> finalPrices = new LinkedHashMap<>();
        long stopped = System.nanoTime();
        for (int round = 1; round <= 5; round++) {
            for (ProductRef product : repriced) {
                String price = new BigDecimal(product.price())
                        .add(new BigDecimal(round))
                        .toPlainString();
                changePrice(product.id(), price); // accepted: 200 while Kafka is down
                finalPrices.put(product.id(), price);
            }
        }
        Scenarios.note("15 price changes accepted in " + Scenarios.seconds(stopped) + " with Kafka down");
        List<String> events = eventIds(outboxBefore, repriced);
        assertThat(events).hasSize(15);
        assertThat(count(
                        "product",
                        "select count(*) from outbox_events where id > ? and published_at is null",
                        outboxBefore))
                .as("waiting in the outbox")
                .isEqualTo(15);
        // Carts still read (prices live from the catalog; the snapshots wait for the events).
        assertThat(get(GATEWAY, "/api/v1/cart", bob).statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        assertThat(platform.run("infra", "start", "kafka"))
                .as("./platform infra start kafka")
                .isZero();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(
                                "cart",
                                "select count(*) from processed_events where event_id::text = any(string_to_array(?, ','))",
                                String.join(",", events))
                        == events.size());
        Scenarios.note("all 15 applied " + Scenarios.seconds(started) + " after Kafka started");
        // bounded: the relays' backoff (at most 10 s) and the consumer groups forming again (10 s sessions)
        var settled = OrdersTest.awaitFinal(shopper, order, Duration.ofSeconds(90));
        assertThat((String) json(settled, "$.status")).as(settled.body()).isEqualTo("CONFIRMED");
        Scenarios.note("the order placed while Kafka was down CONFIRMED " + Scenarios.seconds(started)
                + " after Kafka started");
        OrdersTest.assertStockAddsUp(limited);

        // None lost (all 15 recorded), none applied twice (one row per event id, each APPLIED once, in version order).
        var outcomes = query(
                "cart",
                "select outcome, count(*) as n from processed_events where event_id::text = any(string_to_array(?, ','))"
                        + " group by outcome",
                String.join(",", events));
        assertThat(outcomes).containsExactly(Map.of("outcome", "APPLIED", "n", 15L));
        assertSnapshotsMatch(finalPrices);
        assertThat(count(
                        "cart",
                        "select count(*) from dead_letters where event_id::text = any(string_to_array(?, ','))",
                        String.join(",", events)))
                .isZero();
    }

    @Test
    @Order(3)
    void redisStoppedTheGatewayAppliesItsRedisDownPolicyAndTheCartCacheDegradesWithoutErrors() throws Exception {
        String alice = userToken("alice");
        double cacheErrorsBefore = metric(CART, "cart.cache.errors");
        assertThat(platform.run("infra", "stop", "redis"))
                .as("./platform infra stop redis")
                .isZero();
        try {
            long begin = System.nanoTime();
            long slowest = 0;
            // carts and catalog: fail-open, requests go through (still authenticated), within the 500 ms Redis timeout;
            // the cart reads product data live instead of from the cache.
            for (int i = 0; i < 5; i++) {
                long requestBegin = System.nanoTime();
                var cart = get(GATEWAY, "/api/v1/cart", alice);
                assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
                assertThat(cart.body()).doesNotContain("\"stale\":true");
                assertThat(cart.headers().firstValue("X-RateLimit-Remaining"))
                        .as("not limited while Redis is down")
                        .isEmpty();
                assertThat(get(GATEWAY, "/api/products?size=3", null).statusCode())
                        .isEqualTo(200);
                slowest = Math.max(slowest, (System.nanoTime() - requestBegin) / 1_000_000);
            }
            assertThat(slowest)
                    .as("slowest cart + catalog read, ms (Redis timeout 500 ms)")
                    .isLessThan(2000);
            Scenarios.note("slowest cart + catalog read " + slowest + " ms");
            assertThat(get(GATEWAY, "/api/v1/cart", null).statusCode())
                    .as("fail-open still authenticates")
                    .isEqualTo(401);
            Scenarios.note("10 fail-open requests in " + Scenarios.seconds(begin));
            // auth: fail-closed, 503 + Retry-After (the limiter is the brute-force brake on logins).
            var login = get(GATEWAY, "/.well-known/openid-configuration", null);
            assertProblemShape(login, 503, "auth route without its rate limiter");
            assertThat(login.headers().firstValue("Retry-After")).isPresent();
            // The outage is visible: the gateway counts requests decided by the policy, the cart its cache errors.
            assertThat(prometheus(GATEWAY))
                    .containsPattern("shopstack_gateway_ratelimit_redis_unavailable_total\\{[^}]*policy=\"fail-open\"")
                    .containsPattern(
                            "shopstack_gateway_ratelimit_redis_unavailable_total\\{[^}]*policy=\"fail-closed\"");
            assertThat(metric(CART, "cart.cache.errors")).isGreaterThan(cacheErrorsBefore);
            var add = call(
                    "POST",
                    GATEWAY,
                    "/api/v1/cart/items",
                    alice,
                    item(products().get(17).id(), 1));
            assertThat(add.statusCode()).as(add.body()).isIn(200, 201);
        } finally {
            assertThat(platform.run("infra", "start", "redis"))
                    .as("./platform infra start redis")
                    .isZero();
        }
        long restarted = System.nanoTime();
        // Back: the limiter answers again (its headers return) and the auth route opens.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> get(GATEWAY, "/api/v1/cart", alice)
                                .headers()
                                .firstValue("X-RateLimit-Remaining")
                                .isPresent()
                        && get(GATEWAY, "/.well-known/openid-configuration", null)
                                        .statusCode()
                                == 200);
        Scenarios.note("limiter back " + Scenarios.seconds(restarted) + " after Redis started");
    }

    @Test
    @Order(4)
    void cartServiceKilledDuringAnEventBurstAppliesEveryEventExactlyOnceAfterRestart() throws Exception {
        String bob = userToken("bob");
        List<ProductRef> repriced =
                products().stream().filter(p -> p.stock() >= 10).toList().subList(18, 22);
        for (ProductRef product : repriced) {
            assertThat(call("POST", GATEWAY, "/api/v1/cart/items", bob, item(product.id(), 1))
                            .statusCode())
                    .isIn(200, 201);
        }
        long outboxBefore = count("product", "select coalesce(max(id), 0) from outbox_events");
        long processedBefore = count("cart", "select count(*) from processed_events");
        int rounds = 25;
        Map<Long, String> finalPrices = new ConcurrentHashMap<>();
        AtomicInteger changed = new AtomicInteger();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                for (int round = 1; round <= rounds; round++) {
                    for (ProductRef product : repriced) {
                        String price = new BigDecimal(product.price())
                                .add(new BigDecimal(round).movePointLeft(2))
                                .toPlainString();
                        changePrice(product.id(), price);
                        finalPrices.put(product.id(), price);
                        changed.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Kill -9 as soon as the cart has applied a few of the burst's events, while more keep coming.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> count("cart", "select count(*) from processed_events") - processedBefore >= 5);
        kill("cart-service-1");
        long appliedAtKill = count("cart", "select count(*) from processed_events") - processedBefore;
        int changedAtKill = changed.get();
        burst.get(2, java.util.concurrent.TimeUnit.MINUTES);
        int total = rounds * repriced.size();
        assertThat(appliedAtKill).as("killed mid-burst").isLessThan(total);
        Scenarios.note(
                "killed after " + appliedAtKill + " of " + total + " events applied (" + changedAtKill + " sent)");

        double duplicatesBefore = 0; // a fresh JVM: its counters start at zero
        long restart = System.nanoTime();
        assertThat(platform.run("start", "cart-service"))
                .as("./platform start cart-service")
                .isZero();
        List<String> events = eventIds(outboxBefore, repriced);
        assertThat(events).hasSize(total);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(
                                "cart",
                                "select count(*) from processed_events where event_id::text = any(string_to_array(?, ','))",
                                String.join(",", events))
                        == total);
        Scenarios.note("caught up " + Scenarios.seconds(restart) + " after restart");
        // Exactly once in effect: one processed row per event, every one APPLIED (in version order, none skipped
        // as stale, none twice), the snapshots at the last price, the applied versions at the last version.
        var outcomes = query(
                "cart",
                "select outcome, count(*) as n from processed_events where event_id::text = any(string_to_array(?, ','))"
                        + " group by outcome",
                String.join(",", events));
        assertThat(outcomes).containsExactly(Map.of("outcome", "APPLIED", "n", (long) total));
        assertSnapshotsMatch(finalPrices);
        for (ProductRef product : repriced) {
            assertThat(count(
                            "cart",
                            "select version from aggregate_versions where aggregate_type = 'product' and aggregate_id = ?",
                            String.valueOf(product.id())))
                    .isEqualTo(product(product.id()).version());
        }
        double duplicates = metric(CART, "cart.events.processed", "outcome:duplicate");
        Scenarios.note("redelivered and ignored after restart: " + (long) (duplicates - duplicatesBefore));
    }

    @Test
    @Order(5)
    void twoCartInstancesShareTheTrafficAndKillingOneLosesNoRead() throws Exception {
        assertThat(platform.run("scale", "cart-service", "2"))
                .as("./platform scale cart-service 2")
                .isZero();
        try {
            var registered = platform.send(java.net.http.HttpRequest.newBuilder(
                            url("EUREKA_PORT", "/eureka/apps/CART-SERVICE"))
                    .header("Accept", "application/json")
                    .header("Authorization", RunningPlatform.basic("operator", "operator-eureka-dev-password")));
            assertThat(registered.body().split("\"status\":\"UP\"", -1))
                    .as("two instances UP in Eureka")
                    .hasSize(3);
            List<String> users = List.of(userToken("alice"), userToken("bob"));
            Map<String, Double> before = new LinkedHashMap<>();
            for (String instance : List.of("cart-service-1", "cart-service-2")) {
                before.put(instance, cartRequests(instance));
            }
            // Traffic spreads over both (once the gateway's load balancer has seen the new instance).
            long spreading = System.nanoTime();
            // (polled slowly enough to stay under the carts route's 10 requests/s per user)
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        for (String user : users) {
                            assertThat(get(GATEWAY, "/api/v1/cart", user).statusCode())
                                    .isEqualTo(200);
                        }
                        return cartRequests("cart-service-1") > before.get("cart-service-1")
                                && cartRequests("cart-service-2") > before.get("cart-service-2");
                    });
            Scenarios.note("both instances served after " + Scenarios.seconds(spreading));

            // Readers keep going (under the per-user limit) while one instance is killed; no read may fail.
            AtomicBoolean reading = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (String user : users) {
                readers.add(CompletableFuture.runAsync(() -> {
                    while (reading.get()) {
                        try {
                            HttpResponse<String> response = get(GATEWAY, "/api/v1/cart", user);
                            statuses.computeIfAbsent(response.statusCode(), code -> new AtomicInteger())
                                    .incrementAndGet();
                            if (response.statusCode() != 200) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                            Thread.sleep(125); // 8/s per user, under the carts route's 10/s
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(1000);
            long killed = System.nanoTime();
            kill("cart-service-2");
            // Until Eureka drops it (6 s lease) and the load balancer's cache (5 s) forgets it, and beyond.
            Thread.sleep(Duration.ofSeconds(15));
            reading.set(false);
            CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            int reads = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
            Scenarios.note(reads + " reads over " + Scenarios.seconds(killed) + " around the kill: "
                    + statuses.entrySet().stream()
                            .map(e -> e.getKey() + "x" + e.getValue())
                            .collect(Collectors.joining(", ")));
            assertThat(failures).as("reads that failed").isEmpty();
            assertThat(reads).isGreaterThan(100);
        } finally {
            new java.io.File(platform.home
                            .resolve("run/services/cart-service-2.pid")
                            .toString())
                    .delete(); // killed on purpose
            assertThat(platform.run("scale", "cart-service", "1")).isZero();
        }
    }

    @Test
    @Order(6)
    void postgresStoppedEveryRequestThatNeedsItAnswers503WithinASecondAndRecoversWithin5Seconds() throws Exception {
        String alice = userToken("alice");
        long productId = products().get(5).id();
        String add = item(products().get(6).id(), 1);
        assertThat(get(GATEWAY, "/api/products/" + productId, null).statusCode())
                .isEqualTo(200);
        assertThat(get(GATEWAY, "/api/v1/cart", alice).statusCode()).isEqualTo(200);

        assertThat(platform.run("infra", "stop", "postgres"))
                .as("./platform infra stop postgres")
                .isZero();
        try {
            long stopped = System.nanoTime();
            // Product read (the gateway retries a 503 read twice: the budget covers all three attempts), cart read,
            // cart add (asks product-service first: its 503 becomes CATALOG_UNAVAILABLE, or the cart's own database
            // answers DATABASE_UNAVAILABLE). Each twice: the first after the stop, and once the failure is known.
            for (int round = 0; round < 2; round++) {
                long begin = System.nanoTime();
                var product = get(GATEWAY, "/api/products/" + productId, null);
                long productMillis = (System.nanoTime() - begin) / 1_000_000;
                assertDatabaseDown(product, "product read", productMillis, "DATABASE_UNAVAILABLE");

                begin = System.nanoTime();
                var cart = get(GATEWAY, "/api/v1/cart", alice);
                long cartMillis = (System.nanoTime() - begin) / 1_000_000;
                assertDatabaseDown(cart, "cart read", cartMillis, "DATABASE_UNAVAILABLE");

                begin = System.nanoTime();
                var added = call("POST", GATEWAY, "/api/v1/cart/items", alice, add);
                long addMillis = (System.nanoTime() - begin) / 1_000_000;
                assertDatabaseDown(added, "cart add", addMillis, "DATABASE_UNAVAILABLE", "CATALOG_UNAVAILABLE");
                Scenarios.note("PostgreSQL down, round " + (round + 1) + ": product read " + productMillis
                        + " ms, cart read " + cartMillis + " ms, cart add " + addMillis + " ms");
            }
            // Readiness follows the database (liveness does not: nobody restarts the services for it).
            for (String service : List.of(PRODUCT, CART)) {
                await().atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(get(service, "/actuator/health/readiness", null)
                                        .statusCode())
                                .as(service + " readiness")
                                .isEqualTo(503));
                assertThat(get(service, "/actuator/health/liveness", null).statusCode())
                        .as(service + " liveness")
                        .isEqualTo(200);
            }
            Scenarios.note("both services not ready " + Scenarios.seconds(stopped) + " after the stop");
        } finally {
            assertThat(platform.run("infra", "start", "postgres"))
                    .as("./platform infra start postgres")
                    .isZero();
        }
        long started = System.nanoTime();
        // Few requests while recovering: the cart's circuit to product-service must not open on the way back.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(GATEWAY, "/api/products/" + productId, null).statusCode() == 200
                        && get(GATEWAY, "/api/v1/cart", alice).statusCode() == 200);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        call("POST", GATEWAY, "/api/v1/cart/items", alice, add).statusCode() / 100 == 2);
        for (String service : List.of(PRODUCT, CART)) {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            get(service, "/actuator/health/readiness", null).statusCode() == 200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("everything back after PostgreSQL started")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        Scenarios.note("reads, adds and readiness back " + Scenarios.seconds(started) + " after PostgreSQL started");
    }

    private static void assertDatabaseDown(HttpResponse<String> response, String what, long millis, String... codes)
            throws Exception {
        assertProblemShape(response, 503, what + " with PostgreSQL down");
        assertThat((String) json(response, "$.code")).as(what + " code").isIn((Object[]) codes);
        assertThat(response.headers().firstValue("Retry-After"))
                .as(what + " Retry-After")
                .isPresent();
        assertThat(millis).as(what + " answer time, ms").isLessThan(1000);
    }

    @Test
    @Order(7)
    void productServiceDownAndOrderServiceKilledMidSagaEveryOrderSettlesAndTheStockAddsUp() throws Exception {
        String bob = userToken("bob");
        long limited = OrdersTest.newProduct(4);
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", bob, null).statusCode())
                .isEqualTo(204);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", bob, item(limited, 1))
                        .statusCode())
                .isIn(200, 201);

        kill("product-service-1");
        // The checkout is accepted: it needs order-service and the cart, not the catalog (its RESERVE waits in Kafka).
        var placed = OrdersTest.place(bob, OrdersTest.key(), "{\"paymentMethod\":\"4242424242424242\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = json(placed, "$.id");
        kill("order-service-1"); // mid-saga: PLACED, its command maybe still in the outbox
        assertThat(count("orders", "select count(*) from orders where id = ?::uuid and status = 'PLACED'", order))
                .isEqualTo(1);

        long recovery = System.nanoTime();
        assertThat(platform.run("start", "order-service"))
                .as("./platform start order-service")
                .isZero();
        assertThat(platform.run("start", "product-service"))
                .as("./platform start product-service")
                .isZero();
        Scenarios.note("both back " + Scenarios.seconds(recovery) + " after the first restart began");
        var settled = OrdersTest.awaitFinal(bob, order);
        String status = json(settled, "$.status");
        Scenarios.note("the order ended " + status + " " + Scenarios.seconds(recovery) + " after recovery began");
        // Confirmed if the stock answered within the saga's stock timeout (2 min), otherwise cancelled and released.
        assertThat(status).isIn("CONFIRMED", "CANCELLED");
        OrdersTest.assertStockAddsUp(limited);
        List<Map<String, Object>> payments =
                query("orders", "select status from simulated_payments where order_id = ?::uuid", order);
        assertThat(payments)
                .as("charged once at most, and only for a confirmed order")
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(payment -> assertThat(payment.get("status"))
                        .isEqualTo(status.equals("CONFIRMED") ? "AUTHORIZED" : "VOIDED"));
        assertThat(count("orders", "select count(*) from orders where status not in ('CONFIRMED', 'CANCELLED')"))
                .as("no order left in a non-final state")
                .isZero();
    }

    /** A failed scenario must not fail the next ones for it: bring back whatever it took away. */
    @AfterEach
    void leaveThePlatformWhole() throws Exception {
        for (String service : List.of("product-service", "cart-service", "order-service")) {
            if (!ProcessHandle.of(pid(service + "-1"))
                    .map(ProcessHandle::isAlive)
                    .orElse(false)) {
                assertThat(platform.run("start", service))
                        .as("./platform start " + service)
                        .isZero();
            }
        }
        for (var server : Map.of(
                        "kafka", "SHOPSTACK_KAFKA_PORT",
                        "redis", "SHOPSTACK_REDIS_PORT",
                        "postgres", "SHOPSTACK_POSTGRES_PORT")
                .entrySet()) {
            if (io.shopstack.infrastructure.Ports.isFree(platform.port(server.getValue()))) {
                assertThat(platform.run("infra", "start", server.getKey()))
                        .as("./platform infra start " + server.getKey())
                        .isZero();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int port(String instance) throws Exception {
        return Integer.parseInt(Files.readString(platform.home.resolve("run/services/" + instance + ".pid"))
                .trim()
                .split("\\s+")[2]);
    }

    private static String circuitState() throws Exception {
        var health = get(CART, "/internal/health", monitorToken());
        return json(health, "$.checks.productService.circuitBreaker");
    }

    private static List<String> eventIds(long afterOutboxId, List<ProductRef> products) throws Exception {
        List<String> ids = new ArrayList<>();
        for (var row : query(
                "product",
                "select event_id from outbox_events where id > ? and aggregate_type = 'product'"
                        + " and aggregate_id = any(string_to_array(?, ',')) order by id",
                afterOutboxId,
                products.stream().map(p -> String.valueOf(p.id())).collect(Collectors.joining(",")))) {
            ids.add(row.get("event_id").toString());
        }
        return ids;
    }

    private static void assertSnapshotsMatch(Map<Long, String> finalPrices) throws Exception {
        for (var expected : finalPrices.entrySet()) {
            assertThat(query("cart", "select unit_price from cart_items where product_id = ?", expected.getKey()))
                    .isNotEmpty()
                    .allSatisfy(row ->
                            assertThat((BigDecimal) row.get("unit_price")).isEqualByComparingTo(expected.getValue()));
        }
    }

    /** A meter's value from a service's actuator (a monitor's token, scope metrics:read). */
    private static double metric(String portVariable, String name, String... tags) throws Exception {
        StringBuilder path = new StringBuilder("/actuator/metrics/" + name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? "?" : "&").append("tag=").append(tags[i]);
        }
        var response = get(portVariable, path.toString(), monitorToken());
        if (response.statusCode() == 404) {
            return 0; // not registered yet: nothing counted
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((Number) json(response, "$.measurements[0].value")).doubleValue();
    }

    private static String prometheus(String portVariable) throws Exception {
        var response = get(portVariable, "/actuator/prometheus", monitorToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Requests one cart-service instance has served on /api/v1/cart, from its own metrics. */
    private static double cartRequests(String instance) throws Exception {
        var response = platform.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + port(instance) + "/actuator/metrics/http.server.requests?tag=uri:/api/v1/cart"))
                .header("Authorization", "Bearer " + monitorToken()));
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((Number) json(response, "$.measurements[?(@.statistic == 'COUNT')].value", 0)).doubleValue();
    }
}
