package io.shopstack.cart;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Redis goes away: carts are priced live, without waiting for Redis on every line, and the cache returns with Redis. */
class ProductCacheRedisDownTest extends CartServiceIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aRedisOutageCostsOneTimeoutPerIntervalNotOnePerLineAndTheCacheComesBack() throws Exception {
        String token = token(newUser());
        for (int i = 0; i < 5; i++) { // max-distinct-items in the test settings
            assertThat(addToCart(token, catalog.create("Redis-down item " + i, "2.50", 10), 1)
                            .status())
                    .isEqualTo(200);
        }
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(EnumSet.of(Server.REDIS), null);
        double errorsBefore = errors();
        infrastructure.stop(Server.REDIS);
        try {
            int catalogCallsBefore = catalog.requests();
            long begin = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                Response cart = get("/api/v1/cart", token);
                assertThat(cart.status()).as(cart.text()).isEqualTo(200);
                assertThat(cart.body().get("stale").asBoolean())
                        .as("priced live, not from snapshots")
                        .isFalse();
                assertThat(cart.body().get("total").decimalValue()).isEqualByComparingTo("12.50");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            // 5 reads x (1 lookup + 5 puts) would be 30 Redis timeouts of 500 ms; resting after the first failure
            // leaves at most one timeout per 2 s interval.
            assertThat(took).isLessThan(Duration.ofMillis(2500));
            assertThat(catalog.requests() - catalogCallsBefore)
                    .as("one batch call per read")
                    .isEqualTo(5);
            assertThat(errors() - errorsBefore).isBetween(1.0, 2.0);
        } finally {
            infrastructure.start(EnumSet.of(Server.REDIS));
        }
        // Redis is asked again after the interval; the next read fills the cache and the one after is served from it.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(get("/api/v1/cart", token).status()).isEqualTo(200);
                    int calls = catalog.requests();
                    assertThat(get("/api/v1/cart", token).status()).isEqualTo(200);
                    assertThat(catalog.requests()).as("served from the cache").isEqualTo(calls);
                });
    }

    private double errors() {
        var counter = meters.find("cart.cache.errors").counter();
        return counter == null ? 0 : counter.count();
    }
}
