package io.shopstack.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets through the gateway, what reaches the services, and what is answered as problem details. */
class GatewaySecurityTest extends GatewayTestSupport {

    @Test
    void anonymousCatalogReadsReachProductService() {
        var products = get("/api/products?page=0&size=5");
        var category = get("/api/categories/42");

        assertThat(products.statusCode()).isEqualTo(200);
        assertThat(products.body()).contains("product-service");
        assertThat(category.statusCode()).isEqualTo(200);
        assertThat(productService.received())
                .extracting(StubService.Received::path)
                .containsExactly("/api/products", "/api/categories/42");
        assertThat(productService.received().getFirst().query()).isEqualTo("page=0&size=5");
        assertThat(productService.received().getFirst().header("Authorization")).isNull();
    }

    @Test
    void aValidTokenIsRelayedToTheService() {
        String token = tokens.valid("relay-user", "openid cart");

        var cart = get("/api/v1/cart", token);
        var wishlist = send(request("/api/v1/wishlist/items", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":1}"))
                .header("Content-Type", "application/json"));

        assertThat(cart.statusCode()).isEqualTo(200);
        assertThat(cart.body()).contains("cart-service");
        assertThat(wishlist.statusCode()).isEqualTo(200);
        assertThat(cartService.received()).hasSize(2);
        assertThat(cartService.received())
                .allSatisfy(
                        received -> assertThat(received.header("Authorization")).isEqualTo("Bearer " + token));
        assertThat(cartService.received().get(1).bodyLength()).isEqualTo("{\"productId\":1}".length());
    }

    @Test
    void anOrdersTokenIsRelayedToOrderServiceWithTheIdempotencyKeyAndWithoutCookies() {
        String token = tokens.valid("order-relay-user", "openid orders");

        var placed = send(request("/api/v1/orders", token)
                .header("Idempotency-Key", "0b7f6a52-5d1e-4c57-9a51-6f0c8c1d2e3f")
                .header("Cookie", "SHOPSTACK_SESSION=not-for-services")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        var list = get("/api/v1/orders", token);
        var one = get("/api/v1/orders/42", token);
        var cancelled = send(request("/api/v1/orders/42/cancel", token).POST(HttpRequest.BodyPublishers.noBody()));

        for (var response : List.of(placed, list, one, cancelled)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("order-service");
        }
        assertThat(orderService.received())
                .extracting(received -> received.method() + " " + received.path())
                .containsExactly(
                        "POST /api/v1/orders",
                        "GET /api/v1/orders",
                        "GET /api/v1/orders/42",
                        "POST /api/v1/orders/42/cancel");
        assertThat(orderService.received()).allSatisfy(received -> {
            assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(received.header("Cookie")).isNull();
        });
        assertThat(orderService.received().getFirst().header("Idempotency-Key"))
                .isEqualTo("0b7f6a52-5d1e-4c57-9a51-6f0c8c1d2e3f");
        assertThat(cartService.received()).isEmpty();
    }

    @Test
    void ordersNeedTheOrdersScopeAndItOpensNothingElse() {
        String cartOnly = tokens.valid("cart-only", "openid cart");
        String ordersOnly = tokens.valid("orders-only", "openid orders");

        var list = get("/api/v1/orders", cartOnly);
        var place = send(request("/api/v1/orders", cartOnly)
                .header("Idempotency-Key", "k-1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        var cancel = send(request("/api/v1/orders/7/cancel", cartOnly).POST(HttpRequest.BodyPublishers.noBody()));
        var cart = get("/api/v1/cart", ordersOnly);
        var catalogWrite = send(request("/api/products", ordersOnly)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));

        for (var response : List.of(list, place, cancel, cart, catalogWrite)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertProblem(response, 403);
            assertThat(header(response, "WWW-Authenticate")).contains("insufficient_scope");
        }
        var anonymous = get("/api/v1/orders");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertProblem(anonymous, 401);
        assertThat(orderService.received()).isEmpty();
        assertThat(cartService.received()).isEmpty();
        assertThat(productService.received()).isEmpty();
    }

    @Test
    void badTokensAreRejectedWith401ProblemDetailsAndReachNothing() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", "");
        bad.put("expired", tokens.expired("mallory", "openid cart"));
        bad.put("wrong signature", tokens.signedWithAnotherKey("mallory", "openid cart"));
        bad.put("alg none", tokens.unsigned("mallory", "openid cart"));
        bad.put(
                "wrong issuer",
                tokens.sign(tokens.claims("mallory", "openid cart")
                        .issuer("http://evil.test")
                        .build()));
        bad.put(
                "wrong audience",
                tokens.sign(tokens.claims("mallory", "openid cart")
                        .audience("another-platform")
                        .build()));
        bad.put("garbage", "not.a.jwt");

        for (var token : bad.entrySet()) {
            for (String path : List.of("/api/v1/cart", "/api/v1/wishlist", "/api/v1/orders", "/api/orders")) {
                var response = get(path, token.getValue());
                assertThat(response.statusCode())
                        .as(token.getKey() + " " + path)
                        .isEqualTo(401);
                assertProblem(response, 401);
                assertThat(header(response, "WWW-Authenticate"))
                        .as(token.getKey())
                        .startsWith("Bearer");
                assertThat(response.body()).as("never echoes the token").doesNotContain("mallory");
            }
        }
        // A bad token is refused even where anonymous access is allowed (it is not silently ignored).
        assertThat(get("/api/products", tokens.expired("mallory", "openid")).statusCode())
                .isEqualTo(401);

        assertThat(cartService.received()).isEmpty();
        assertThat(orderService.received()).isEmpty();
        assertThat(productService.received()).isEmpty();
    }

    @Test
    void aTokenWithoutTheNeededScopeGets403AndReachesNothing() {
        String noCartScope = tokens.valid("scopeless", "openid profile");
        String customer = tokens.valid("customer", "openid cart");

        var cart = get("/api/v1/cart", noCartScope);
        var catalogWrite = send(request("/api/products", customer)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
        var gatewayMetrics = get("/actuator/metrics", customer);

        for (var response : List.of(cart, catalogWrite, gatewayMetrics)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertProblem(response, 403);
            assertThat(header(response, "WWW-Authenticate")).contains("insufficient_scope");
        }
        assertThat(cartService.received()).isEmpty();
        assertThat(productService.received()).isEmpty();
    }

    @Test
    void catalogWritesNeedTheCatalogWriteScope() {
        String admin = tokens.valid("admin", "openid cart catalog:write");

        var created = send(request("/api/products", admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .header("Content-Type", "application/json"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(productService.received())
                .singleElement()
                .satisfies(received -> assertThat(received.method()).isEqualTo("POST"));
    }

    @Test
    void internalPathsOfServicesAreNeverRouted() {
        // the most an internal caller's token carries: still no way in
        String internal = tokens.valid("operator", "catalog:events promo:admin dlq:admin metrics:read actuator:write");
        List<String> paths = List.of(
                "/internal/carts",
                "/internal",
                "/INTERNAL/carts",
                "/%69nternal/carts",
                "/internal/../internal/x",
                "/api/products/../../internal/x",
                "/api/v1/cart/%2e%2e/%2e%2e/%2e%2e/internal/x",
                "/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/internal/dead-letters",
                "/fallback/order-service",
                "/fallback/product-service");

        for (String path : paths) {
            for (String token : new String[] {null, internal}) {
                var response = get(path, token);
                assertThat(response.statusCode())
                        .as(path + (token == null ? "" : " with token"))
                        .isIn(400, 404);
                assertProblem(response, response.statusCode());
            }
        }
        assertThat(productService.received()).isEmpty();
        assertThat(cartService.received()).isEmpty();
        assertThat(orderService.received()).isEmpty();
        assertThat(authServer.received()).isEmpty();
    }

    @Test
    void servicesActuatorsAreNeverRoutedAndTheGatewaysOwnNeedsTheMetricsReadScope() {
        String metricsRead = tokens.valid("operator", "metrics:read");

        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", metricsRead).statusCode()).isEqualTo(200);
        var env = get("/actuator/env", metricsRead); // not exposed at the gateway, and never routed to a service
        assertThat(env.statusCode()).isEqualTo(404);
        assertProblem(env, 404);
        var traversal = get("/api/products/../../actuator/env", metricsRead);
        assertThat(traversal.statusCode()).isEqualTo(400); // refused by the security firewall
        assertProblem(traversal, 400);

        assertThat(productService.received()).isEmpty();
        assertThat(cartService.received()).isEmpty();
        assertThat(authServer.received()).isEmpty();
    }

    @Test
    void unknownPathsAre404ProblemDetails() {
        var response = get("/api/orders", tokens.valid("someone", "openid"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404);
    }

    @Test
    void theIssuersEndpointsPassThroughAnonymously() {
        var discovery = get("/.well-known/openid-configuration");
        var token = send(request("/oauth2/token")
                .header("Authorization", "Basic Y2FydC1zZXJ2aWNlOnNlY3JldA==")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(authServer.received())
                .extracting(StubService.Received::path)
                .containsExactly("/.well-known/openid-configuration", "/oauth2/token");
        assertThat(authServer.received().get(1).header("Authorization"))
                .isEqualTo("Basic Y2FydC1zZXJ2aWNlOnNlY3JldA==");
    }

    @Test
    void requestIdsAreGeneratedOrKeptPropagatedAndReturned() {
        var generated = get("/api/products");
        var given = send(request("/api/products").header("X-Request-Id", "abc-123"));
        var forged = send(request("/api/products").header("X-Request-Id", "x\" injected=1"));
        var refused = get("/api/v1/cart");

        String id = header(generated, "X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(header(given, "X-Request-Id")).isEqualTo("abc-123");
        assertThat(header(forged, "X-Request-Id"))
                .isNotEqualTo("x\" injected=1")
                .matches("[0-9a-f-]{36}");
        assertThat(header(refused, "X-Request-Id")).isNotBlank();
        assertThat(productService.received())
                .extracting(received -> received.header("X-Request-Id"))
                .containsExactly(id, "abc-123", header(forged, "X-Request-Id"));
    }

    @Test
    void securityHeadersAreSetOnProxiedAndOwnResponses() {
        for (var response : List.of(get("/api/products"), get("/api/v1/cart"))) {
            assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
            assertThat(header(response, "Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void corsAllowsTheStorefrontOriginOnly() {
        var preflight = send(request("/api/v1/cart")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        var foreign = send(request("/api/v1/cart")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        var simple = send(request("/api/products").header("Origin", "http://localhost:3000"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(header(foreign, "Access-Control-Allow-Origin")).isNull();
        assertThat(header(simple, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(header(simple, "Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(cartService.received()).isEmpty();
    }

    @Test
    void corsLetsTheStorefrontPlaceAnOrderWithAnIdempotencyKey() {
        var preflight = send(request("/api/v1/orders")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(header(preflight, "Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key");
        assertThat(orderService.received()).isEmpty();
    }

    @Test
    void bodiesAboveTheLimitAreRefusedWith413() {
        String token = tokens.valid("big-body", "openid cart");

        // Expect: 100-continue, as clients uploading large bodies should: the gateway refuses on the declared length
        // before any of the body is sent. (A client that sends it anyway may get a reset instead of the answer, as the
        // gateway does not read a body it refuses.)
        var response = sendAlone(request("/api/v1/cart/items", token)
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413);
        assertThat(cartService.received()).isEmpty();
    }

    @Test
    void chunkedBodiesAboveTheLimitAreCutOffWith413() {
        String token = tokens.valid("big-chunked-body", "openid cart");

        var response = sendAlone(request("/api/v1/cart/items", token)
                .header("Content-Type", "application/json")
                // One byte over the limit: refused once the streamed bytes exceed it (a client still writing after that
                // may see a reset rather than the answer, so the stream ends there).
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[1024 * 1024 + 1]))));
        var small = send(request("/api/v1/cart/items", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[1000]))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413);
        assertThat(header(response, "Connection")).isEqualTo("close");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(cartService.received())
                .extracting(StubService.Received::bodyLength)
                .containsExactly(1000);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"title\":")
                .contains("\"detail\":");
    }
}
