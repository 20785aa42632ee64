package io.shopstack.gateway;

import io.shopstack.infrastructure.Ports;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service has two instances, one of them dead (nothing listens on its port). A write whose connection was
 * refused was never sent, so it is retried on the other instance: every write succeeds and reaches the live instance
 * exactly once. Ejection of failed instances is switched off here (1 ms), so round robin keeps choosing the dead
 * instance for every other write and the retry alone has to save them. Its own application context.
 */
@TestPropertySource(properties = {"shopstack.load-balancer.ejection=1ms", "shopstack.load-balancer.max-ejection=1ms"})
class WriteFailoverTest extends GatewayTestSupport {

    private static final int DEAD_PORT = Ports.freePort();

    @DynamicPropertySource
    static void deadSecondInstance(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.discovery.client.simple.instances.product-service[1].uri",
                () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @Test
    void aWriteWhoseConnectionWasRefusedIsRetriedOnTheOtherInstanceAndSentOnce() {
        String admin = tokens.valid("failover-admin", "catalog:write");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(send(request("/api/products", admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"w" + i + "\"}")))
                    .statusCode());
        }
        assertThat(statuses).containsOnly(200);
        assertThat(productService.received()).hasSize(6);
        // The body reached the live instance intact on the retried attempts too.
        assertThat(productService.received())
                .allSatisfy(request -> assertThat(request.body()).startsWith("{\"name\":\"w"));
    }
}
