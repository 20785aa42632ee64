package io.shopstack.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.infrastructure.Ports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service has two instances, one of them dead (nothing listens on its port), as right after a kill -9 while
 * discovery still lists it: reads still all succeed (retried on the live instance, the dead one ejected after its first
 * refusal), each reaching the live instance exactly once; a write is not retried. Its own application context.
 */
class LoadBalancerFailoverTest extends GatewayTestSupport {

    private static final int DEAD_PORT = Ports.freePort();

    @DynamicPropertySource
    static void deadSecondInstance(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.discovery.client.simple.instances.product-service[1].uri",
                () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void readsGoToTheLiveInstanceAndTheDeadOneIsEjectedAfterItsFirstRefusal() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(get("/api/products/failover-" + i).statusCode());
        }
        assertThat(statuses).containsOnly(200);
        assertThat(productService.received()).hasSize(20);
        assertThat(meters.get("shopstack.gateway.loadbalancer.ejections")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aWriteIsNotRetried() {
        // Round robin over [live, dead] while the dead one is not ejected: some write lands on the dead instance and
        // fails (503 problem) rather than being sent twice; none reaches the live instance more than once.
        String admin = tokens.valid("failover-admin", "catalog:write");
        int writes = 0;
        for (int i = 0; i < 6; i++) {
            var response = send(request("/api/products", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"w" + i + "\"}")));
            assertThat(response.statusCode()).isIn(200, 503);
            writes += response.statusCode() == 200 ? 1 : 0;
        }
        assertThat(productService.received()).hasSize(writes);
    }
}
