package io.shopstack.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-route circuit breaker + time limiter: a service that does not answer in time gets a 503 problem fallback. */
class ResilienceTest extends GatewayTestSupport {

    @Test
    void aSlowServiceIsCutOffWithA503ProblemFallback() {
        Instant start = Instant.now();
        var response = get("/api/products/slow");
        Duration took = Duration.between(start, Instant.now());

        assertThat(response.statusCode()).isEqualTo(503);
        GatewaySecurityTest.assertProblem(response, 503);
        assertThat(response.body()).contains("product-service").contains("\"instance\":\"/api/products/slow\"");
        assertThat(header(response, "Retry-After")).isEqualTo("5");
        assertThat(header(response, "X-Request-Id")).isNotBlank();
        assertThat(took).isLessThan(Duration.ofMillis(4500)); // time limiter: 2 s in the test, the stub takes 5 s
    }
}
