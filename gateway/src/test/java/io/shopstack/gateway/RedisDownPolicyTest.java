package io.shopstack.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.gateway.ratelimit.RedisTokenBucketRateLimiter;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped under a running gateway: fail-open routes serve without throttling, the fail-closed route (the issuer)
 * answers 503 + Retry-After, every decision is counted, nothing waits longer than the bounded timeout; when Redis is
 * back, limiting resumes by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisDownPolicyTest extends GatewayTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void theRoutesPolicyAppliesWithinTheBoundedTimeoutAndLimitingResumesWhenRedisIsBack(CapturedOutput output)
            throws Exception {
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(EnumSet.of(Server.REDIS), null);
        String token = tokens.valid("redis-down-" + System.nanoTime(), "openid cart");
        assertThat(header(get("/api/v1/cart", token), "X-RateLimit-Remaining")).isNotNull();

        infrastructure.stop(Server.REDIS);
        try {
            for (int i = 0; i < 3; i++) {
                Instant start = Instant.now();
                var catalog = get("/api/products");
                var cart = get("/api/v1/cart", token);
                var issuer = get("/.well-known/openid-configuration");
                Duration took = Duration.between(start, Instant.now());

                assertThat(catalog.statusCode()).as("catalog: fail-open").isEqualTo(200);
                assertThat(cart.statusCode()).as("carts: fail-open").isEqualTo(200);
                assertThat(header(cart, "X-RateLimit-Remaining")).isNull();
                assertThat(issuer.statusCode()).as("auth: fail-closed").isEqualTo(503);
                GatewaySecurityTest.assertProblem(issuer, 503);
                assertThat(issuer.body())
                        .contains("Rate limiting is temporarily unavailable")
                        .contains("\"instance\":\"/.well-known/openid-configuration\"");
                assertThat(header(issuer, "Retry-After")).isNotBlank();
                // three requests, at most one of them waiting for the Redis command timeout (500 ms)
                assertThat(took).isLessThan(Duration.ofMillis(2500));
            }
            assertThat(authServer.received()).isEmpty();
            assertThat(productService.received()).hasSize(3);
            assertThat(counter("catalog", "fail-open")).isGreaterThanOrEqualTo(3);
            assertThat(counter("carts", "fail-open")).isGreaterThanOrEqualTo(3);
            assertThat(counter("auth", "fail-closed")).isGreaterThanOrEqualTo(3);
            assertThat(output.getAll())
                    .contains("Rate limiter: Redis unavailable (")
                    .contains("route catalog applies its Redis-down policy: fail-open")
                    .contains("route auth applies its Redis-down policy: fail-closed");
            assertThat(get("/actuator/health").statusCode())
                    .as("the gateway stays UP")
                    .isEqualTo(200);
        } finally {
            infrastructure.start(EnumSet.of(Server.REDIS));
        }

        Instant deadline = Instant.now().plusSeconds(20);
        String remaining = null;
        while (Instant.now().isBefore(deadline)) {
            remaining = header(get("/api/v1/cart", token), "X-RateLimit-Remaining");
            if (remaining != null) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(remaining).as("limiting resumes once Redis is back").isNotNull();
        assertThat(get("/.well-known/openid-configuration").statusCode()).isEqualTo(200);
        assertThat(output.getAll()).contains("Rate limiter: Redis answers again");
    }

    private double counter(String route, String policy) {
        var counter = meters.find(RedisTokenBucketRateLimiter.REDIS_UNAVAILABLE_METRIC)
                .tag("route", route)
                .tag("policy", policy)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
