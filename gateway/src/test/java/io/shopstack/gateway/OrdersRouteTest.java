package io.shopstack.gateway;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders route's resilience (config-repo/gateway.yml): reads are retried, placing or cancelling an order never is
 * once it was sent, and a full bulkhead sheds load (503) without counting as a failure of order-service.
 */
class OrdersRouteTest extends GatewayTestSupport {

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @Autowired
    ReactiveResilience4jBulkheadProvider bulkheads;

    @Test
    void aReadAnsweredWith503IsRetriedButAnOrderIsSentOnce() {
        var read = get("/api/v1/orders/unavailable", tokens.valid("retry-reader", "orders"));
        var place = send(request("/api/v1/orders/unavailable", tokens.valid("retry-buyer", "orders"))
                .header("Idempotency-Key", "retry-once")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        var cancel = send(request("/api/v1/orders/unavailable/cancel", tokens.valid("retry-canceller", "orders"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        // The service's own 503 is passed on (not the gateway's fallback).
        for (var response : List.of(read, place, cancel)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("order-service");
        }
        List<String> received = orderService.received().stream()
                .map(request -> request.method() + " " + request.path())
                .toList();
        assertThat(received)
                .filteredOn(request -> request.startsWith("GET "))
                .as("the read was retried")
                .hasSizeGreaterThan(1)
                .containsOnly("GET /api/v1/orders/unavailable");
        assertThat(received)
                .filteredOn(request -> request.startsWith("POST "))
                .as("each write was sent once")
                .containsExactly("POST /api/v1/orders/unavailable", "POST /api/v1/orders/unavailable/cancel");
    }

    /**
     * Before, each call refused by the full bulkhead counted as a failure of order-service: under load the circuit
     * opened for 10 s and refused even the calls the service could have served (docs/performance.md).
     */
    @Test
    void aFullBulkheadAnswers503WithoutCountingAsAFailureOfTheService() throws Exception {
        // The breaker and bulkhead exist once the route has been called.
        assertThat(get("/api/v1/orders", tokens.valid("bulkhead-warm-up", "orders"))
                        .statusCode())
                .isEqualTo(200);
        CircuitBreaker breaker = circuitBreakers
                .getCircuitBreakerRegistry()
                .find("order-service")
                .orElseThrow();
        Bulkhead bulkhead =
                bulkheads.getBulkheadRegistry().find("order-service").orElseThrow();
        int limit = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();

        orderService.hold();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                String token = tokens.valid("bulkhead-held-" + i, "orders");
                held.add(callers.submit(() -> get("/api/v1/orders/held", token)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bulkhead.getMetrics().getAvailableConcurrentCalls() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls())
                    .as("the bulkhead is full")
                    .isZero();

            List<HttpResponse<String>> shed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                shed.add(get("/api/v1/orders/shed", tokens.valid("bulkhead-shed-" + i, "orders")));
            }
            long failedWhileFull = breaker.getMetrics().getNumberOfFailedCalls() - failedBefore;

            orderService.release();
            for (Future<HttpResponse<String>> call : held) {
                assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            for (HttpResponse<String> response : shed) {
                assertThat(response.statusCode()).isEqualTo(503);
                GatewaySecurityTest.assertProblem(response, 503);
                assertThat(header(response, "Retry-After")).isEqualTo("5");
            }
            assertThat(failedWhileFull)
                    .as("calls refused by the full bulkhead counted as failures")
                    .isZero();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(orderService.received())
                    .extracting(StubService.Received::path)
                    .doesNotContain("/api/v1/orders/shed");
        } finally {
            orderService.release();
            // Held calls that took longer than the slow-call threshold on a busy machine must not leave the shared
            // context's breaker open for the next test.
            breaker.reset();
        }
    }
}
