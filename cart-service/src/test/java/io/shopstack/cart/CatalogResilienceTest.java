package io.shopstack.cart;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.shopstack.cart.CartApiTest.assertProblem;
import static io.shopstack.cart.CartApiTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * product-service failing (500s) or slow, through the real Feign client, load balancer, circuit breaker, time
 * limiter, bulkhead and retry (test settings: window 4, 50 %, 1 s open, 500 ms time limit, 3 read attempts).
 */
class CatalogResilienceTest extends CartServiceIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void failingCatalogOpensTheCircuitReadsServeSnapshotsWritesFailFastAndItRecovers() throws Exception {
        String user = newUser();
        String token = token(user);
        long mug = catalog.create("Resilient mug", "12.50", 10);
        long plate = catalog.create("Resilient plate", "7.25", 10);
        assertThat(addToCart(token, mug, 2).status()).isEqualTo(200);
        evictProductCache();

        catalog.failWith500();
        // Reads never fail: the snapshot, flagged stale. Each read is one batch call retried 3 times → the circuit
        // (4 calls, 50 %) opens during the second read.
        for (int i = 0; i < 2; i++) {
            Response read = get("/api/v1/cart", token);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            assertThat(read.body().get("stale").asBoolean()).isTrue();
            assertThat(line(read.body(), mug).get("stale").asBoolean()).isTrue();
            assertThat(read.body().get("total").decimalValue()).isEqualTo(new BigDecimal("25.00"));
        }
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // Open circuit: no call reaches the catalog, reads answer from the snapshot within 200 ms.
        int callsBefore = catalog.requests();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            Response read = get("/api/v1/cart", token);
            latencies.add((System.nanoTime() - start) / 1_000_000);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("stale").asBoolean()).isTrue();
        }
        System.out.println("MEASURE fallback read latencies in order (ms): " + latencies);
        Collections.sort(latencies);
        System.out.printf(
                "MEASURE fallback read latency with the circuit open: p50=%d ms, p90=%d ms, max=%d ms%n",
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10 - 1), latencies.getLast());
        // Within 200 ms; the machine is shared with other builds (2 cores), so a lone GC/CPU hiccup is tolerated.
        assertThat(latencies.get(latencies.size() * 9 / 10 - 1)).isLessThan(200);
        assertThat(latencies.getLast()).isLessThan(1000);
        assertThat(catalog.requests()).isEqualTo(callsBefore);

        // Writes that need the catalog: 503 + Retry-After at once, nothing written.
        long start = System.nanoTime();
        Response write = addToCart(token, plate, 1);
        long writeMillis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(write, 503, "CATALOG_UNAVAILABLE");
        assertThat(write.headers().firstValue("Retry-After"))
                .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isBetween(1, 10));
        assertThat(writeMillis).as("fail fast, no call made").isLessThan(500);
        long item = line(get("/api/v1/cart", token).body(), mug).get("id").asLong();
        assertProblem(
                send("PATCH", "/api/v1/cart/items/" + item, token, "{\"quantity\":3}"), 503, "CATALOG_UNAVAILABLE");
        assertProblem(
                send("POST", "/api/v1/wishlist/items", token, "{\"productId\":" + plate + "}"),
                503,
                "CATALOG_UNAVAILABLE");
        assertThat(jdbc.queryForObject(
                        "select count(*) from cart_items i join carts c on c.id = i.cart_id where c.user_id = ?",
                        Integer.class,
                        user))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select quantity from cart_items i join carts c on c.id = i.cart_id where c.user_id = ?",
                        Integer.class,
                        user))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from wishlists where user_id = ?", Integer.class, user))
                .isZero();
        // Decreasing a quantity needs no product data: still possible.
        assertThat(send("PATCH", "/api/v1/cart/items/" + item, token, "{\"quantity\":1}")
                        .status())
                .isEqualTo(200);

        // Recovery: after the open-state wait the circuit lets trial calls through and closes.
        catalog.up();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    evictProductCache(); // every read asks the catalog (else the first success is cached and the
                    // half-open
                    // circuit waits for its second trial call)
                    Response read = get("/api/v1/cart", token);
                    assertThat(read.body().get("stale").asBoolean()).isFalse();
                    assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
                });
        assertThat(addToCart(token, plate, 1).status()).isEqualTo(200);
    }

    @Test
    void aSlowCatalogNeverMakesARequestHang() throws Exception {
        String user = newUser();
        String token = token(user);
        long bowl = catalog.create("Slow bowl", "3.00", 10);
        long cup = catalog.create("Slow cup", "2.00", 10);
        assertThat(addToCart(token, bowl, 1).status()).isEqualTo(200);
        evictProductCache();

        catalog.slow(Duration.ofSeconds(3));
        long start = System.nanoTime();
        Response read = get("/api/v1/cart", token);
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("stale").asBoolean()).isTrue();
        // the time limiter (500 ms) ends the call; timeouts are not retried
        assertThat(readMillis).isLessThan(1500);

        start = System.nanoTime();
        Response write = addToCart(token, cup, 1);
        long writeMillis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(write, 503, "CATALOG_UNAVAILABLE");
        assertThat(writeMillis).isLessThan(1500);
        System.out.printf(
                "MEASURE slow catalog (3 s): read answered from snapshot in %d ms, write refused in %d ms%n",
                readMillis, writeMillis);
        assertThat(jdbc.queryForObject(
                        "select count(*) from cart_items i join carts c on c.id = i.cart_id where c.user_id = ?",
                        Integer.class,
                        user))
                .isEqualTo(1);
    }

    @Test
    void repeatedReadsAreServedFromTheSharedCache() throws Exception {
        String token = token(newUser());
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            products.add(catalog.create("Cached " + i, "1.0" + i, 10));
            addToCart(token, products.getLast(), 1);
        }
        evictProductCache();
        double hitsBefore = cacheGets("hit");
        double missesBefore = cacheGets("miss");
        int callsBefore = catalog.requests();
        int reads = 50;
        for (int i = 0; i < reads; i++) {
            JsonNode cart = get("/api/v1/cart", token).body();
            assertThat(cart.get("stale").asBoolean()).isFalse();
        }
        double hits = cacheGets("hit") - hitsBefore;
        double misses = cacheGets("miss") - missesBefore;
        System.out.printf(
                "MEASURE cache: %d reads of a 3-item cart → %.0f hits, %.0f misses, hit ratio %.3f, %d catalog calls%n",
                reads, hits, misses, hits / (hits + misses), catalog.requests() - callsBefore);
        assertThat(catalog.requests() - callsBefore).isEqualTo(1);
        assertThat(misses).isEqualTo(3);
        assertThat(hits).isEqualTo(3.0 * (reads - 1));
        assertThat(redis.getExpire("cart:catalog:product:" + products.getFirst()))
                .isBetween(250L, 300L);
    }

    @Test
    void resilienceMetricsArePublished() {
        assertThat(meters.find("resilience4j.circuitbreaker.state")
                        .tag("name", "product-service")
                        .gauges())
                .isNotEmpty();
        assertThat(meters.find("resilience4j.retry.calls")
                        .tag("name", "product-service-read")
                        .meters())
                .isNotEmpty();
        assertThat(meters.find("resilience4j.bulkhead.thread.pool.size")
                        .tag("name", "product-service")
                        .meters())
                .isNotEmpty();
        assertThat(meters.find("cache.gets").tag("cache", "products").counters())
                .hasSize(2);
    }

    CircuitBreaker circuit() {
        return circuitBreakers.circuitBreaker("product-service");
    }

    double cacheGets(String result) {
        return meters.get("cache.gets")
                .tag("cache", "products")
                .tag("result", result)
                .counter()
                .count();
    }
}
