package io.shopstack.e2e;

import io.shopstack.cli.token.TokenClient;
import io.shopstack.cli.token.TokenException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The platform runtime as users meet it: one command up, services found in Eureka, central config live, one command down. */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformRuntimeTest extends PlatformTest {

    private static final String EUREKA = RunningPlatform.basic("operator", "operator-eureka-dev-password");
    private static final String CONFIG = RunningPlatform.basic("config", "config-dev-password");

    @Test
    @Order(1)
    void everyServiceRegistersInEureka() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var apps = platform.send(HttpRequest.newBuilder(platform.url("EUREKA_PORT", "/eureka/apps"))
                    .header("Accept", "application/json")
                    .header("Authorization", EUREKA));
            assertThat(apps.statusCode()).isEqualTo(200);
            assertThat(apps.body())
                    .contains(
                            "\"PRODUCT-SERVICE\"",
                            "\"CART-SERVICE\"",
                            "\"ORDER-SERVICE\"",
                            "\"AUTH-SERVER\"",
                            "\"GATEWAY\"");
        });
    }

    @Test
    @Order(1)
    void everyDeployableAnswersItsProbesWithoutCredentials() throws Exception {
        // What Kubernetes (deploy/k8s) and the multi-host run ask: Boot's probe groups, public on every deployable.
        for (String port : List.of(
                "CONFIG_SERVER_PORT",
                "EUREKA_PORT",
                "AUTH_SERVER_PORT",
                "PRODUCT_SERVICE_PORT",
                "CART_SERVICE_PORT",
                "ORDER_SERVICE_PORT",
                "GATEWAY_PORT",
                "ADMIN_PORT")) {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                var answer = platform.send(HttpRequest.newBuilder(platform.url(port, probe)));
                assertThat(answer.statusCode())
                        .as(port + probe + ": " + answer.body())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    @Order(1)
    void theAdminDashboardFindsTheServicesThroughEureka() throws Exception {
        String admin = RunningPlatform.basic("admin", "admin-dev-password");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var applications = platform.send(HttpRequest.newBuilder(platform.url("ADMIN_PORT", "/applications"))
                    .header("Accept", "application/json")
                    .header("Authorization", admin));
            assertThat(applications.statusCode()).isEqualTo(200);
            assertThat(applications.body()).contains("\"PRODUCT-SERVICE\"", "\"CART-SERVICE\"");
        });
        // Details come from the services' protected actuator endpoints, read with the dashboard's service token.
        var product = platform.send(HttpRequest.newBuilder(platform.url("ADMIN_PORT", "/applications/PRODUCT-SERVICE"))
                .header("Accept", "application/json")
                .header("Authorization", admin));
        // Instance ids are 12 hex digits (endpoint entries carry "id"s too).
        var instanceId = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{12})\"")
                .matcher(product.body());
        assertThat(instanceId.find()).as(product.body()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(platform.send(HttpRequest.newBuilder(platform.url(
                                                "ADMIN_PORT",
                                                "/instances/" + instanceId.group(1) + "/actuator/metrics"))
                                        .header("Accept", "application/json")
                                        .header("Authorization", admin))
                                .statusCode())
                        .isEqualTo(200));
        assertThat(platform.send(HttpRequest.newBuilder(platform.url("ADMIN_PORT", "/applications")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(2)
    void configServerAndEurekaRefuseRequestsWithoutCredentials() throws Exception {
        assertThat(platform.send(HttpRequest.newBuilder(platform.url("CONFIG_SERVER_PORT", "/product-service/default")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(platform.send(HttpRequest.newBuilder(platform.url("CONFIG_SERVER_PORT", "/product-service/default"))
                                .header("Authorization", CONFIG))
                        .statusCode())
                .isEqualTo(200);
        assertThat(platform.send(HttpRequest.newBuilder(platform.url("EUREKA_PORT", "/eureka/apps")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(platform.send(HttpRequest.newBuilder(platform.url("EUREKA_PORT", "/eureka/apps/EVIL"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"instance\":{}}")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(3)
    void tokensFromTheIssuerAreAcceptedByAServiceAndForgedOnesAreNot() throws Exception {
        TokenClient tokens = new TokenClient();
        String alice = tokens.userToken(platform.issuer(), "alice", "alice-password".toCharArray());
        String service = tokens.serviceToken(
                platform.issuer(), "prometheus", "prometheus-dev-secret".toCharArray(), "metrics:read");

        // Authenticated (no such resource yet) vs. not authenticated.
        assertThat(get("PRODUCT_SERVICE_PORT", "/api/nothing-here", alice).statusCode())
                .isEqualTo(404);
        assertThat(get("PRODUCT_SERVICE_PORT", "/api/nothing-here", null).statusCode())
                .isEqualTo(401);
        String forged = alice.substring(0, alice.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZyb20tc29tZW9uZS1lbHNl";
        assertThat(get("PRODUCT_SERVICE_PORT", "/api/nothing-here", forged).statusCode())
                .isEqualTo(401);
        // Actuator reads need the metrics:read scope (a monitor has it, a shopper does not).
        assertThat(get("CART_SERVICE_PORT", "/actuator/metrics", service).statusCode())
                .isEqualTo(200);
        assertThat(get("CART_SERVICE_PORT", "/actuator/metrics", alice).statusCode())
                .isEqualTo(403);
        assertThat(get("CART_SERVICE_PORT", "/health", null).body()).contains("\"status\":\"UP\"");
        // The plain smoke checks: curl localhost:8002/health, curl localhost:8002/api/products (anonymous).
        assertThat(get("PRODUCT_SERVICE_PORT", "/health", null).body()).contains("\"status\":\"UP\"");
        var catalog = get("PRODUCT_SERVICE_PORT", "/api/products", null);
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).contains("\"totalElements\":36"); // the local profile's demo catalog

        assertThatThrownBy(() -> tokens.userToken(platform.issuer(), "alice", "wrong".toCharArray()))
                .isInstanceOf(TokenException.class);
    }

    @Test
    @Order(4)
    void aCommittedConfigChangeReachesTheRunningServiceWithoutRestartAndARevertUndoesIt() throws Exception {
        long pidBefore = productServicePid();
        String upSinceBefore = serviceUpTimestamps("PRODUCT-SERVICE");
        Path file = platform.configRepository.resolve("config-repo/product-service.yml");
        // Into the file's first document (appended text would land in its last, profile-specific one). Note: a refresh
        // does not remove a whole document that a revert deletes; keys removed within a document are removed.
        Files.writeString(file, "info:\n  e2e:\n    marker: live-refresh-v2\n" + Files.readString(file));
        RunningPlatform.git(
                platform.configRepository, "commit", "--quiet", "-am", "e2e: change product-service config");
        pushUntil(
                () -> get("PRODUCT_SERVICE_PORT", "/actuator/info", null).body().contains("live-refresh-v2"));

        RunningPlatform.git(platform.configRepository, "revert", "--no-edit", "HEAD");
        pushUntil(() ->
                !get("PRODUCT_SERVICE_PORT", "/actuator/info", null).body().contains("live-refresh-v2"));
        assertThat(productServicePid()).as("no restart").isEqualTo(pidBefore);
        // A refresh must not take the instance out of Eureka (callers would briefly find none): its lease, and with it
        // the time it came up, survives. (Spring Cloud still re-sends the registration on a refresh; that keeps the
        // lease.)
        assertThat(serviceUpTimestamps("PRODUCT-SERVICE"))
                .as("Eureka lease kept")
                .isEqualTo(upSinceBefore);
    }

    private String serviceUpTimestamps(String app) throws Exception {
        var registered = platform.send(HttpRequest.newBuilder(platform.url("EUREKA_PORT", "/eureka/apps/" + app))
                .header("Accept", "application/json")
                .header("Authorization", EUREKA));
        assertThat(registered.statusCode()).isEqualTo(200);
        var timestamps = java.util.regex.Pattern.compile("\"serviceUpTimestamp\"\\s*:\\s*(\\d+)")
                .matcher(registered.body())
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(timestamps).as(registered.body()).isNotEmpty();
        return String.join(",", timestamps);
    }

    @Test
    @Order(5)
    void aRequestAndTheEventItCausesAreOneTraceInZipkin() throws Exception {
        String admin = new TokenClient()
                .userToken(platform.issuer(), "admin", "admin-password".toCharArray(), "openid catalog:write");
        var first = java.util.regex.Pattern.compile("\\{\"id\":(\\d+),.*?\"version\":(\\d+)")
                .matcher(get("PRODUCT_SERVICE_PORT", "/api/products?size=1", null)
                        .body());
        assertThat(first.find()).as("the local profile's demo catalog").isTrue();
        String traceId = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        var update = platform.send(HttpRequest.newBuilder(
                        platform.url("PRODUCT_SERVICE_PORT", "/api/products/" + first.group(1) + "/stock"))
                .header("Authorization", "Bearer " + admin)
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stockQuantity\":42,\"version\":" + first.group(2) + "}")));
        assertThat(update.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var trace = platform.send(
                            HttpRequest.newBuilder(platform.url("SHOPSTACK_ZIPKIN_PORT", "/api/v2/trace/" + traceId)));
                    assertThat(trace.statusCode()).isEqualTo(200);
                    assertThat(trace.body())
                            .contains("\"serviceName\":\"product-service\"")
                            .contains("outbox publish product.stock_changed") // the relay continues the request's trace
                            .contains("\"kind\":\"PRODUCER\"");
                });
    }

    @Test
    @Order(5)
    void theGatewayIsTheEntryPointWithTokensRateLimitsAndNoInternalPaths() throws Exception {
        TokenClient tokens = new TokenClient();
        String alice = tokens.userToken(platform.issuer(), "alice", "alice-password".toCharArray());
        String bob = tokens.userToken(platform.issuer(), "bob", "bob-password".toCharArray());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                get("GATEWAY_PORT", "/api/products", null).statusCode())
                        .isEqualTo(200));
        assertThat(get("GATEWAY_PORT", "/api/v1/cart", alice).statusCode()).isEqualTo(200);
        assertThat(get("GATEWAY_PORT", "/api/v1/cart", null).statusCode()).isEqualTo(401);
        assertThat(get("GATEWAY_PORT", "/internal/health", alice).statusCode()).isEqualTo(404);
        assertThat(get("GATEWAY_PORT", "/actuator/env", alice).statusCode()).isIn(401, 403, 404);

        // A burst above the carts route's limit (burst 20) for alice: some 429s with Retry-After; bob is unaffected.
        List<java.net.http.HttpResponse<String>> burst = burst("/api/v1/cart", alice, 60);
        List<java.net.http.HttpResponse<String>> limited =
                burst.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.getFirst().headers().firstValue("Retry-After")).isPresent();
        assertThat(get("GATEWAY_PORT", "/api/v1/cart", bob).statusCode()).isEqualTo(200);

        // A committed, pushed config change lowers the limit without a restart; the revert restores it.
        Path gatewayConfig = platform.configRepository.resolve("config-repo/gateway.yml");
        String original = Files.readString(gatewayConfig);
        String lowered = original.replaceFirst(
                "(?s)(- id: carts.*?rate-limit.replenish-rate: )\\$\\{SHOPSTACK_CART_RATE:10}"
                        + "(.*?rate-limit.burst-capacity: )\\$\\{SHOPSTACK_CART_BURST:20}",
                "$11$22");
        assertThat(lowered).isNotEqualTo(original);
        Files.writeString(gatewayConfig, lowered);
        RunningPlatform.git(platform.configRepository, "commit", "--quiet", "-am", "e2e: lower the carts rate limit");
        String admin = tokens.userToken(platform.issuer(), "admin", "admin-password".toCharArray());
        pushUntil(() -> {
            var responses = burst("/api/v1/cart", admin, 6);
            return responses.stream().anyMatch(r -> r.statusCode() == 429)
                    && responses.stream()
                            .anyMatch(r -> "2"
                                    .equals(r.headers()
                                            .firstValue("X-RateLimit-Burst-Capacity")
                                            .orElse("")));
        });
        RunningPlatform.git(platform.configRepository, "revert", "--no-edit", "HEAD");
        pushUntil(() -> get("GATEWAY_PORT", "/api/v1/cart", admin)
                .headers()
                .firstValue("X-RateLimit-Burst-Capacity")
                .map("20"::equals)
                .orElse(false));
    }

    @Test
    @Order(5)
    void oneTraceRunsFromTheGatewayThroughCartToProductAndAcrossKafka() throws Exception {
        TokenClient tokens = new TokenClient();
        String alice = tokens.userToken(platform.issuer(), "alice", "alice-password".toCharArray());
        String admin =
                tokens.userToken(platform.issuer(), "admin", "admin-password".toCharArray(), "openid catalog:write");
        var product = firstProduct();

        String addTrace = newTraceId();
        var added = platform.send(json(platform.url("GATEWAY_PORT", "/api/v1/cart/items"), alice)
                .header("traceparent", "00-" + addTrace + "-" + addTrace.substring(0, 16) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":" + product.id() + ",\"quantity\":1}")));
        assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(trace(addTrace))
                        .contains(
                                "\"serviceName\":\"gateway\"",
                                "\"serviceName\":\"cart-service\"",
                                "\"serviceName\":\"product-service\""));

        // A price change: the cart's consumer span is in the product request's trace, after the outbox publish.
        String priceTrace = newTraceId();
        var current = firstProduct();
        var repriced = platform.send(
                json(platform.url("PRODUCT_SERVICE_PORT", "/api/products/" + current.id() + "/price"), admin)
                        .header("traceparent", "00-" + priceTrace + "-" + priceTrace.substring(0, 16) + "-01")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"price\":\"7.77\",\"version\":" + current.version() + "}")));
        assertThat(repriced.statusCode()).as(repriced.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(trace(priceTrace))
                        .contains("outbox publish product.price_changed")
                        .containsPattern(
                                "\"kind\":\"CONSUMER\"[^}]*\"localEndpoint\":\\{\"serviceName\":\"cart-service\""));
    }

    private ProductRef firstProduct() throws Exception {
        return products().getFirst();
    }

    private List<java.net.http.HttpResponse<String>> burst(String path, String token, int requests) throws Exception {
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> all =
                new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            all.add(platform.http.sendAsync(
                    HttpRequest.newBuilder(platform.url("GATEWAY_PORT", path))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        List<java.net.http.HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (var future : all) {
            responses.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        return responses;
    }

    private String trace(String traceId) throws Exception {
        var response = platform.send(
                HttpRequest.newBuilder(platform.url("SHOPSTACK_ZIPKIN_PORT", "/api/v2/trace/" + traceId)));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String newTraceId() {
        return java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
    }

    private static HttpRequest.Builder json(java.net.URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    /**
     * {@code ./platform config push}, repeated (it is idempotent) until the change shows: a service whose bus
     * consumer is still joining its group right after start-up misses a broadcast, as any late subscriber would.
     */
    private void pushUntil(java.util.concurrent.Callable<Boolean> changeVisible) throws Exception {
        long[] lastPush = {0};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (changeVisible.call()) {
                        return true;
                    }
                    if (lastPush[0] == 0
                            || System.nanoTime() - lastPush[0]
                                    > Duration.ofSeconds(5).toNanos()) {
                        assertThat(platform.run("config", "push"))
                                .as("./platform config push")
                                .isZero();
                        lastPush[0] = System.nanoTime();
                    }
                    return false;
                });
    }

    private long productServicePid() throws Exception {
        return Long.parseLong(Files.readString(platform.home.resolve("run/services/product-service-1.pid"))
                .trim()
                .split("\\s+")[0]);
    }
}
