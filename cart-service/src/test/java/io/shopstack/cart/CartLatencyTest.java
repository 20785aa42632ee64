package io.shopstack.cart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency of the two hot paths, sequentially, on this machine (shared, 2 cores): add-item (live catalog call over
 * HTTP + one transaction + the priced cart) and get-cart (cache hits). Printed as MEASURE lines; the bounds are loose.
 */
class CartLatencyTest extends CartServiceIntegrationTest {

    @Test
    void addItemAndGetCartLatency() throws Exception {
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            products.add(catalog.create("Latency " + i, "2.50", 1000));
        }
        // warm-up (JIT, connection pools)
        for (int i = 0; i < 30; i++) {
            addToCart(token(newUser()), products.get(i % 5), 1);
        }
        List<Long> adds = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String token = token(newUser());
            long start = System.nanoTime();
            Response added = addToCart(token, products.get(i % 5), 1 + i % 3);
            adds.add(System.nanoTime() - start);
            assertThat(added.status()).isEqualTo(200);
            start = System.nanoTime();
            Response read = get("/api/v1/cart", token);
            reads.add(System.nanoTime() - start);
            assertThat(read.status()).isEqualTo(200);
        }
        System.out.printf(
                "MEASURE add-item (n=%d): p50=%.1f ms p99=%.1f ms; get-cart: p50=%.1f ms p99=%.1f ms%n",
                adds.size(), percentile(adds, 50), percentile(adds, 99), percentile(reads, 50), percentile(reads, 99));
        assertThat(percentile(adds, 50)).isLessThan(250);
    }

    static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(index) / 1_000_000.0;
    }
}
