package io.shopstack.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One error model: the gateway's and the services' 401, 403, 404 and 429 answers have the same shape (RFC 9457
 * members and a stable code), compared side by side. 413 is checked on every oversize case of HostileInputTest, 503 in
 * ChaosTest (it needs a dependency down).
 */
@Order(4)
class ProblemShapeTest extends PlatformTest {

    @Test
    void theGatewayAndTheServicesAnswerErrorsInTheSameShape() throws Exception {
        String alice = userToken("alice");
        String service = operatorToken();
        String product =
                "{\"name\":\"Shape\",\"price\":\"1.00\",\"currency\":\"EUR\",\"stockQuantity\":1,\"categoryId\":1}";
        Map<String, Set<String>> shapes = new LinkedHashMap<>();
        shapes.put("401 gateway", assertProblemShape(get(GATEWAY, "/api/v1/cart", null), 401, "401 gateway"));
        shapes.put("401 cart-service", assertProblemShape(get(CART, "/api/v1/cart", null), 401, "401 cart-service"));
        shapes.put(
                "401 product-service",
                assertProblemShape(call("POST", PRODUCT, "/api/products", null, product), 401, "401 product-service"));
        shapes.put(
                "403 gateway",
                assertProblemShape(call("POST", GATEWAY, "/api/products", alice, product), 403, "403 gateway"));
        shapes.put(
                "403 product-service",
                assertProblemShape(call("POST", PRODUCT, "/api/products", alice, product), 403, "403 product-service"));
        shapes.put("403 cart-service", assertProblemShape(get(CART, "/api/v1/cart", service), 403, "403 cart-service"));
        shapes.put(
                "404 gateway, internal path",
                assertProblemShape(get(GATEWAY, "/internal/health", alice), 404, "404 gateway"));
        shapes.put(
                "404 gateway, no route",
                assertProblemShape(get(GATEWAY, "/no/such/route", alice), 404, "404 no route"));
        shapes.put(
                "404 product-service",
                assertProblemShape(get(PRODUCT, "/api/products/999999999", null), 404, "404 product-service"));
        shapes.put(
                "404 cart-service",
                assertProblemShape(
                        call("DELETE", CART, "/api/v1/cart/items/999999999", alice, null), 404, "404 cart-service"));
        shapes.put(
                "429 gateway",
                assertProblemShape(firstLimited(GATEWAY, "/api/v1/cart", userToken("admin")), 429, "429 gateway"));
        shapes.put(
                "429 cart-service",
                assertProblemShape(firstLimited(CART, "/internal/health", service), 429, "429 cart-service"));
        assertThat(shapes)
                .allSatisfy((answer, shape) -> assertThat(shape).as(answer).isEqualTo(PROBLEM_MEMBERS));
        // The limits refill within a second or two; later classes must not meet them.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get(CART, "/internal/health", service).statusCode() == 200
                        && get(GATEWAY, "/api/v1/cart", userToken("admin")).statusCode() == 200);
    }

    /** Requests in a quick loop until one is rate-limited (the carts route allows a burst of 20, /internal 50 per second). */
    private static HttpResponse<String> firstLimited(String port, String path, String token) throws Exception {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> response = get(port, path, token);
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("no 429 from " + port + path + " after 500 requests");
    }
}
