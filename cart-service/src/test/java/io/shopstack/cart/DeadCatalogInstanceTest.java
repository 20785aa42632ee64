package io.shopstack.cart;

import io.shopstack.infrastructure.Ports;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service has a second instance that is dead (nothing listens on its port), as while a host that died is
 * still listed by discovery. Adding to a cart needs a live catalog answer and is not retried by the cart's read retry,
 * yet every add succeeds: a call whose connection was refused is tried again on the next instance (nothing was sent;
 * NextInstanceRetryer). Ejection of failed instances is switched off here (1 ms), so round robin keeps choosing the
 * dead instance for every other call and the retry alone has to save them. Its own application context.
 */
@TestPropertySource(properties = {"shopstack.load-balancer.ejection=1ms", "shopstack.load-balancer.max-ejection=1ms"})
class DeadCatalogInstanceTest extends CartServiceIntegrationTest {

    private static final int DEAD_PORT = Ports.freePort();

    @DynamicPropertySource
    static void deadSecondInstance(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.discovery.client.simple.instances.product-service[1].uri",
                () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @Test
    void everyAddSucceedsWhileADeadCatalogInstanceIsListed() throws Exception {
        long mug = catalog.create("Failover mug", "3.00", 100);
        String user = token(newUser());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(addToCart(user, mug, 1).status());
        }
        assertThat(statuses).containsOnly(200);
        assertThat(get("/api/v1/cart", user)
                        .body()
                        .get("items")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(10);
    }
}
