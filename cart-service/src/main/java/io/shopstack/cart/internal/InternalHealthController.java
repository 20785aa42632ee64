package io.shopstack.cart.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shopstack.cart.catalog.ProductCatalog;
import io.shopstack.deadletters.DeadLetterService;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /internal/health} (a token with scope {@code metrics:read}): the cart's dependencies one by one — database, Kafka
 * binder, Redis (from the actuator's indicators) and product-service's circuit breaker — plus the dead-letter depth.
 * {@code DOWN} (503) when the database is down (nothing works without it); {@code DEGRADED} (200) when Redis,
 * Kafka or the catalog are not healthy (carts still work: cache misses, events wait in Kafka, snapshots).
 */
@RestController
class InternalHealthController {

    private final HealthEndpoint health;
    private final CircuitBreakerRegistry circuitBreakers;
    private final DeadLetterService deadLetters;

    InternalHealthController(
            HealthEndpoint health, CircuitBreakerRegistry circuitBreakers, DeadLetterService deadLetters) {
        this.health = health;
        this.circuitBreakers = circuitBreakers;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/internal/health")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        String database = component("db");
        checks.put("database", Map.of("status", database));
        checks.put("kafka", Map.of("status", component("binders")));
        checks.put("redis", Map.of("status", component("redis")));
        CircuitBreaker circuit = circuitBreakers.circuitBreaker(ProductCatalog.INSTANCE);
        CircuitBreaker.State state = circuit.getState();
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put(
                "status",
                state == CircuitBreaker.State.CLOSED
                        ? "UP"
                        : state == CircuitBreaker.State.HALF_OPEN ? "RECOVERING" : "DOWN");
        catalog.put("circuitBreaker", state.name());
        catalog.put("failureRate", circuit.getMetrics().getFailureRate());
        catalog.put("bufferedCalls", circuit.getMetrics().getNumberOfBufferedCalls());
        checks.put("productService", catalog);
        Map<String, Object> body = new LinkedHashMap<>();
        boolean databaseUp = "UP".equals(database);
        boolean allUp = checks.values().stream().allMatch(check -> "UP".equals(((Map<?, ?>) check).get("status")));
        body.put("status", !databaseUp ? "DOWN" : allUp ? "UP" : "DEGRADED");
        body.put("service", "cart-service");
        body.put("checks", checks);
        if (databaseUp) {
            body.put("deadLetters", Map.of("pending", deadLetters.pending()));
        }
        return ResponseEntity.status(databaseUp ? 200 : 503).body(body);
    }

    private String component(String name) {
        try {
            HealthDescriptor descriptor = health.healthForPath(name);
            return descriptor == null ? "UNKNOWN" : descriptor.getStatus().getCode();
        } catch (RuntimeException e) {
            return Status.DOWN.getCode();
        }
    }
}
