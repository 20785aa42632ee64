package io.shopstack.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.infrastructure.Ports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-service has two instances, one of them dead (nothing listens on its port), as right after a kill -9 while
 * discovery still lists it: reads still all succeed (retried on the live instance, the dead one ejected after its first
 * refusal), each reaching the live instance exactly once. Writes: {@link WriteFailoverTest}. Its own application
 * context.
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
        assertThat(meters.get("shopstack.loadbalancer.ejections").counter().count())
                .isEqualTo(1.0);
    }
}
