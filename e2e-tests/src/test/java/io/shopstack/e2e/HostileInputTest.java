package io.shopstack.e2e;

import com.jayway.jsonpath.JsonPath;
import io.shopstack.cli.token.TokenClient;
import net.minidev.json.JSONValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input against the running platform, through the gateway and directly at the services: every case is refused
 * with the right status, a problem+json body (basic-auth challenges of config-server and Eureka: a plain 401) that
 * shows no internals, and nothing in any database changed — neither by the case itself (rows before and after it)
 * nor by all of them together (the rows after the last case against those before the first).
 */
@Order(4)
class HostileInputTest extends PlatformTest {

    private static final String CONFIG_SERVER = "CONFIG_SERVER_PORT";
    private static final String EUREKA = "EUREKA_PORT";

    private static final long UNKNOWN_ID = 999_999_999L;
    /** A promo code this class creates, so that look-alikes of a real code can be tried. */
    private static final String PROMO = "HOSTILE10";
    /** The gateway's shopstack.gateway.max-request-body (1MB). */
    private static final int MAX_BODY = 1024 * 1024;

    /** Words that only a leaked exception, stack trace or SQL error would put into a response body. */
    private static final List<String> INTERNALS = List.of(
            "Exception",
            "at io.",
            "at org.",
            "org.springframework",
            "org.hibernate",
            "java.",
            "\"trace\"",
            "stackTrace");

    private static final List<String> INTERNALS_ANY_CASE = List.of("sql", "postgres", "jdbc", "hibernate");

    /** HTTP/1.1 only, so that chunked bodies and early answers to large uploads behave like a plain client's. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    // Set up once: ids the cases refer to as {product}, {aliceItem}, {bobItem}, {bobWish}.
    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static String aliceWithoutCartScope;
    private static String aliceIdToken;
    private static PrivateKey ownKey;
    private static Map<String, List<Map<String, Object>>> baseline;

    // ------------------------------------------------------------------ the cases

    /** A price change for a product in the carts with the largest version there is (would pin the line if applied). */
    private static String farFutureEvent() {
        return "{\"event_type\":\"product.price_changed\",\"aggregate_version\":" + Long.MAX_VALUE
                + ",\"payload\":{\"product_id\":{product},\"old_price\":\"1.00\",\"new_price\":\"0.01\","
                + "\"currency\":\"EUR\"},\"timestamp\":1}";
    }

    static Stream<Arguments> cases() {
        String product =
                "{\"name\":\"Hostile\",\"description\":\"x\",\"price\":\"9.99\",\"currency\":\"EUR\",\"stockQuantity\":1}";
        String add = "{\"productId\":{product},\"quantity\":1}";
        String event =
                "{\"event_type\":\"category.updated\",\"payload\":{\"category_id\":1,\"name\":\"pwned\"},\"timestamp\":1}";
        return Stream.of(
                        // Malformed JSON and wrong types: 400 from the platform's problem details, without parser
                        // messages.
                        hostile("malformed JSON (truncated object)")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},")
                                .expect(400),
                        hostile("malformed JSON (unquoted keys)")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{productId: {product}, quantity: 1}")
                                .expect(400),
                        hostile("wrong type: productId is text")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":\"{product}abc\",\"quantity\":1}")
                                .expect(400),
                        hostile("wrong type: quantity is a fraction")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},\"quantity\":1.5}")
                                .expect(400),
                        hostile("wrong type: quantity is an operator object")
                                .on(CART)
                                .as(Caller.ALICE)
                                .patch("/api/v1/cart/items/{aliceItem}", "{\"quantity\":{\"$gt\":0}}")
                                .expect(400),
                        hostile("wrong type: price is a word")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .put("/api/products/{product}/price", "{\"price\":\"free\",\"version\":{version}}")
                                .expect(400),
                        hostile("wrong type: cart item id is text")
                                .as(Caller.ALICE)
                                .patch("/api/v1/cart/items/abc", "{\"quantity\":1}")
                                .expect(400),
                        hostile("wrong content type (text/plain)")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", add)
                                .contentType("text/plain")
                                .expect(415),
                        hostile("empty body")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "")
                                .expect(400),
                        hostile("JSON nested 100 000 deep")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post(
                                        "/api/v1/cart/items",
                                        "{\"productId\":{product},\"quantity\":1,\"x\":" + "[".repeat(100_000)
                                                + "]".repeat(100_000) + "}")
                                .expect(400),
                        hostile("invalid UTF-8 bytes")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", Body.bytes(invalidUtf8()))
                                .expect(400),

                        // Negative, zero and huge quantities; the domain's own limit is 422.
                        hostile("negative quantity")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},\"quantity\":-1}")
                                .expect(400),
                        hostile("zero quantity")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},\"quantity\":0}")
                                .expect(400),
                        hostile("zero quantity on a cart line")
                                .as(Caller.ALICE)
                                .patch("/api/v1/cart/items/{aliceItem}", "{\"quantity\":0}")
                                .expect(400),
                        hostile("quantity above the per-line limit")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},\"quantity\":100}")
                                .expect(422, "QUANTITY_LIMIT"),
                        hostile("quantity beyond the int range")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":{product},\"quantity\":2147483648}")
                                .expect(400),
                        hostile("negative quantity moved to the cart")
                                .as(Caller.BOB)
                                .post("/api/v1/wishlist/items/{bobWish}/move-to-cart", "{\"quantity\":-3}")
                                .expect(400),
                        hostile("negative stock")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .put("/api/products/{product}/stock", "{\"stockQuantity\":-5,\"version\":{version}}")
                                .expect(400),
                        hostile("zero price")
                                .as(Caller.ADMIN)
                                .put("/api/products/{product}/price", "{\"price\":\"0.00\",\"version\":{version}}")
                                .expect(400),
                        hostile("price with 13 integer digits")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .put(
                                        "/api/products/{product}/price",
                                        "{\"price\":\"1234567890123.00\",\"version\":{version}}")
                                .expect(400),

                        // Unknown products and ids: a referenced product that does not exist is a domain error (422),
                        // an
                        // addressed resource that does not exist is 404.
                        hostile("unknown product into the cart")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":" + UNKNOWN_ID + ",\"quantity\":1}")
                                .expect(422, "PRODUCT_NOT_FOUND"),
                        hostile("unknown product onto the wishlist")
                                .on(CART)
                                .as(Caller.BOB)
                                .post("/api/v1/wishlist/items", "{\"productId\":" + UNKNOWN_ID + "}")
                                .expect(422, "PRODUCT_NOT_FOUND"),
                        hostile("product id 0")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/items", "{\"productId\":0,\"quantity\":1}")
                                .expect(400),
                        hostile("price of an unknown product")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .put("/api/products/" + UNKNOWN_ID + "/price", "{\"price\":\"1.00\",\"version\":0}")
                                .expect(404),
                        hostile("unknown cart line")
                                .as(Caller.ALICE)
                                .patch("/api/v1/cart/items/" + UNKNOWN_ID, "{\"quantity\":2}")
                                .expect(404, "NOT_FOUND"),

                        // SQL and JSON meta-characters in strings: data, never code. (A NUL goes mid-string: trim()
                        // would drop it at the end.)
                        hostile("SQL injection in a promo code")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "{\"code\":\"' OR '1'='1'; --\"}")
                                .expect(422, "PROMO_UNKNOWN"),
                        hostile("SQL injection in the sort parameter")
                                .get("/api/products?sort=name;drop%20table%20products;--")
                                .expect(400),
                        hostile("SQL in a new promo code (operator API)")
                                .on(CART)
                                .as(Caller.SERVICE)
                                .post(
                                        "/internal/promo-codes",
                                        "{\"code\":\"X'; DELETE FROM promo_codes; --\",\"discountType\":\"PERCENT\",\"discountValue\":10}")
                                .expect(400),
                        hostile("NUL character in a promo code")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "{\"code\":\"" + PROMO.replace("10", "\\u000010") + "\"}")
                                .expect(400),
                        hostile("NUL character in a product name")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .post("/api/products", product.replace("\"Hostile\"", "\"Hos\\u0000tile\""))
                                .expect(400),

                        // Very long strings.
                        hostile("promo code of 10 000 characters")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "{\"code\":\"" + "A".repeat(10_000) + "\"}")
                                .expect(400),
                        hostile("product name of 500 000 characters")
                                .on(PRODUCT)
                                .as(Caller.ADMIN)
                                .post(
                                        "/api/products",
                                        product.replace("\"Hostile\"", "\"" + "n".repeat(500_000) + "\""))
                                .expect(400),
                        hostile("search term of 101 characters")
                                .get("/api/products?q=" + "a".repeat(101))
                                .expect(400),

                        // Unicode.
                        hostile("Cyrillic look-alike of a real promo code")
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "{\"code\":\"\u041d" + PROMO.substring(1) + "\"}")
                                .expect(422, "PROMO_UNKNOWN"),
                        hostile("emoji as a product id")
                                .get("/api/products/%F0%9F%98%80")
                                .expect(400),
                        hostile("right-to-left override in a promo code")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/cart/promo", "{\"code\":\"\u202e" + PROMO + "\"}")
                                .expect(422, "PROMO_UNKNOWN"),

                        // Forged tokens. The real signing key is out of reach, so each fails on its signature (or lack
                        // of one);
                        // the names say what else is wrong with them.
                        hostile("no token")
                                .as(Caller.ANONYMOUS)
                                .post("/api/v1/cart/items", add)
                                .expect(401),
                        hostile("real token, signature replaced")
                                .as(Caller.TAMPERED_SIGNATURE)
                                .get("/api/v1/cart")
                                .expect(401),
                        hostile("real token, subject changed to bob")
                                .on(CART)
                                .as(Caller.TAMPERED_SUBJECT)
                                .get("/api/v1/cart")
                                .expect(401),
                        hostile("real token, catalog:write added")
                                .as(Caller.TAMPERED_SCOPE)
                                .post("/api/products", product)
                                .expect(401),
                        hostile("alg:none token")
                                .as(Caller.ALG_NONE)
                                .post("/api/v1/cart/items", add)
                                .expect(401),
                        hostile("alg:none token")
                                .on(CART)
                                .as(Caller.ALG_NONE)
                                .post("/api/v1/cart/items", add)
                                .expect(401),
                        hostile("own RSA key, real key id")
                                .on(PRODUCT)
                                .as(Caller.OWN_KEY)
                                .post("/api/products", product)
                                .expect(401),
                        hostile("own RSA key, expired")
                                .on(CART)
                                .as(Caller.OWN_KEY_EXPIRED)
                                .get("/api/v1/cart")
                                .expect(401),
                        hostile("own RSA key, wrong issuer")
                                .as(Caller.OWN_KEY_WRONG_ISSUER)
                                .get("/api/v1/cart")
                                .expect(401),
                        hostile("own RSA key, wrong audience")
                                .on(CART)
                                .as(Caller.OWN_KEY_WRONG_AUDIENCE)
                                .post("/api/v1/cart/items", add)
                                .expect(401),
                        hostile("HS256 keyed with the issuer's public JWK set")
                                .on(PRODUCT)
                                .as(Caller.HS256_WITH_PUBLIC_KEY)
                                .post("/api/products", product)
                                .expect(401),
                        hostile("password as Basic credentials")
                                .as(Caller.ALICE_PASSWORD_AS_BASIC)
                                .get("/api/v1/cart")
                                .expect(401),

                        // Valid tokens without the scope the request needs.
                        hostile("customer creates a product")
                                .as(Caller.ALICE)
                                .post("/api/products", product)
                                .expect(403),
                        hostile("customer changes a price")
                                .on(PRODUCT)
                                .as(Caller.ALICE)
                                .put("/api/products/{product}/price", "{\"price\":\"0.01\",\"version\":{version}}")
                                .expect(403),
                        hostile("operator token (no cart scope) on a cart")
                                .as(Caller.SERVICE)
                                .get("/api/v1/cart")
                                .expect(403),
                        hostile("user token without the cart scope")
                                .as(Caller.ALICE_WITHOUT_CART_SCOPE)
                                .post("/api/v1/cart/items", add)
                                .expect(403),
                        hostile("user token without the cart scope")
                                .on(CART)
                                .as(Caller.ALICE_WITHOUT_CART_SCOPE)
                                .post("/api/v1/cart/items", add)
                                .expect(403),
                        hostile("customer on the internal API")
                                .on(CART)
                                .as(Caller.ALICE)
                                .get("/internal/dead-letters")
                                .expect(403),

                        // Another user's cart and wishlist: not found, exactly as an id that does not exist.
                        hostile("bob's cart line, changed by alice")
                                .as(Caller.ALICE)
                                .patch("/api/v1/cart/items/{bobItem}", "{\"quantity\":5}")
                                .expect(404, "NOT_FOUND"),
                        hostile("bob's cart line, removed by alice")
                                .on(CART)
                                .as(Caller.ALICE)
                                .delete("/api/v1/cart/items/{bobItem}")
                                .expect(404, "NOT_FOUND"),
                        hostile("bob's wishlist item, removed by alice")
                                .as(Caller.ALICE)
                                .delete("/api/v1/wishlist/items/{bobWish}")
                                .expect(404, "NOT_FOUND"),
                        hostile("bob's wishlist item, moved by alice")
                                .on(CART)
                                .as(Caller.ALICE)
                                .post("/api/v1/wishlist/items/{bobWish}/move-to-cart", "{\"quantity\":1}")
                                .expect(404, "NOT_FOUND"),

                        // Internal endpoints through the gateway: never routed, whatever the token or spelling.
                        hostile("/internal/health with a service token")
                                .as(Caller.SERVICE)
                                .get("/internal/health")
                                .expect(404),
                        hostile("/internal/events with a service token")
                                .as(Caller.SERVICE)
                                .post("/internal/events", event)
                                .expect(404),
                        hostile("/INTERNAL/promo-codes in upper case")
                                .as(Caller.SERVICE)
                                .post(
                                        "/INTERNAL/promo-codes",
                                        "{\"code\":\"FREE100\",\"discountType\":\"PERCENT\",\"discountValue\":100}")
                                .expect(404),
                        hostile("encoded ../ from a route to /internal")
                                .as(Caller.SERVICE)
                                .get("/api/v1/cart/%2e%2e/%2e%2e/%2e%2e/internal/health")
                                .expect(404),

                        // Least privilege, directly at cart-service: each internal endpoint demands its purpose scope.
                        // (Before: one "internal" scope, so Prometheus' token created a 100 % promo code and could post
                        // catalog events with a version that pinned cart lines.)
                        hostile("monitor token creates a 100 % promo code")
                                .on(CART)
                                .as(Caller.MONITOR)
                                .post(
                                        "/internal/promo-codes",
                                        "{\"code\":\"FREE100\",\"discountType\":\"PERCENT\",\"discountValue\":100}")
                                .expect(403, "FORBIDDEN"),
                        hostile("monitor token posts a catalog event with a far-future version")
                                .on(CART)
                                .as(Caller.MONITOR)
                                .post("/internal/events", farFutureEvent())
                                .expect(403, "FORBIDDEN"),
                        hostile("monitor token lists dead letters")
                                .on(CART)
                                .as(Caller.MONITOR)
                                .get("/internal/dead-letters")
                                .expect(403, "FORBIDDEN"),
                        hostile("product-service token creates a promo code")
                                .on(CART)
                                .as(Caller.PRODUCT_SERVICE)
                                .post(
                                        "/internal/promo-codes",
                                        "{\"code\":\"FREE100\",\"discountType\":\"PERCENT\",\"discountValue\":100}")
                                .expect(403, "FORBIDDEN"),
                        hostile("operator token posts a catalog event (only product-service may)")
                                .on(CART)
                                .as(Caller.SERVICE)
                                .post("/internal/events", farFutureEvent())
                                .expect(403, "FORBIDDEN"),
                        hostile("monitor token changes a log level")
                                .on(CART)
                                .as(Caller.MONITOR)
                                .post("/actuator/loggers/io.shopstack", "{\"configuredLevel\":\"TRACE\"}")
                                .expect(403, "FORBIDDEN"),

                        // Tokens with the issuer's real signature that are still not for this platform (so the
                        // signature check is not what rejects them): an ID token (audience shopstack-web), a wrong
                        // audience, a wrong issuer, an expired token.
                        hostile("ID token as a bearer token (gateway)")
                                .as(Caller.ID_TOKEN)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("ID token as a bearer token (cart-service)")
                                .on(CART)
                                .as(Caller.ID_TOKEN)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, wrong audience (gateway)")
                                .as(Caller.REAL_KEY_WRONG_AUDIENCE)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, wrong audience (product-service)")
                                .on(PRODUCT)
                                .as(Caller.REAL_KEY_WRONG_AUDIENCE)
                                .post("/api/products", product)
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, wrong issuer (cart-service)")
                                .on(CART)
                                .as(Caller.REAL_KEY_WRONG_ISSUER)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, wrong issuer (gateway)")
                                .as(Caller.REAL_KEY_WRONG_ISSUER)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, expired (gateway)")
                                .as(Caller.REAL_KEY_EXPIRED)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),
                        hostile("real signature, expired (cart-service)")
                                .on(CART)
                                .as(Caller.REAL_KEY_EXPIRED)
                                .get("/api/v1/cart")
                                .expect(401, "UNAUTHORIZED"),

                        // Actuator through the gateway: the gateway's own needs metrics:read (reads) or
                        // actuator:write; the services' are never routed.
                        hostile("gateway /actuator/env with a user token")
                                .as(Caller.ALICE)
                                .get("/actuator/env")
                                .expect(403),
                        hostile("gateway /actuator/heapdump without a token")
                                .get("/actuator/heapdump")
                                .expect(401),
                        hostile("a service's actuator via ..;/ from a route")
                                .as(Caller.SERVICE)
                                .get("/api/products/..;/..;/actuator/env")
                                .expect(400),

                        // Config-server and Eureka: HTTP basic only.
                        hostile("config-server without credentials")
                                .on(CONFIG_SERVER)
                                .get("/product-service/default")
                                .expect(401),
                        hostile("config-server with a user's bearer token")
                                .on(CONFIG_SERVER)
                                .as(Caller.ALICE)
                                .get("/cart-service/default")
                                .expect(401),
                        hostile("config-server with a wrong password")
                                .on(CONFIG_SERVER)
                                .as(Caller.CONFIG_WRONG_PASSWORD)
                                .get("/application/default")
                                .expect(401),
                        hostile("Eureka registry without credentials")
                                .on(EUREKA)
                                .get("/eureka/apps")
                                .expect(401),
                        hostile("Eureka registration without credentials")
                                .on(EUREKA)
                                .post("/eureka/apps/EVIL", "{\"instance\":{}}")
                                .expect(401),
                        // Each service's own Eureka login writes only its own name: cart-service registering as
                        // PRODUCT-SERVICE (to receive the shoppers' tokens the gateway relays) is refused.
                        hostile("Eureka registration under another service's name")
                                .on(EUREKA)
                                .as(Caller.EUREKA_CART_SERVICE)
                                .post(
                                        "/eureka/apps/PRODUCT-SERVICE",
                                        "{\"instance\":{\"instanceId\":\"evil:product-service:1\",\"app\":\"PRODUCT-SERVICE\","
                                                + "\"hostName\":\"evil\",\"ipAddr\":\"127.0.0.1\",\"vipAddress\":\"product-service\","
                                                + "\"status\":\"UP\",\"port\":{\"$\":1,\"@enabled\":\"true\"},"
                                                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\","
                                                + "\"name\":\"MyOwn\"}}}")
                                .expect(403, "APPLICATION_NAME_NOT_OWNED"),
                        hostile("Eureka: a read-only login deregisters a service")
                                .on(EUREKA)
                                .as(Caller.EUREKA_PROMETHEUS)
                                .delete("/eureka/apps/CART-SERVICE/hostile-instance")
                                .expect(403, "FORBIDDEN"),
                        hostile("Eureka deregistration with a wrong password")
                                .on(EUREKA)
                                .as(Caller.EUREKA_WRONG_PASSWORD)
                                .delete("/eureka/apps/CART-SERVICE/hostile-instance")
                                .expect(401),

                        // Oversize bodies at the gateway (1MB limit) around otherwise valid requests: 413, nothing
                        // reaches a service.
                        hostile("2 MB body declared by Content-Length")
                                .as(Caller.BOB)
                                .post("/api/v1/cart/items", Body.oversize(padded(add), false))
                                .expect(413),
                        hostile("chunked body streamed past 1 MB")
                                .as(Caller.BOB)
                                .post("/api/v1/cart/items", Body.oversize(padded(add), true))
                                .expect(413),
                        hostile("2 MB product declared by Content-Length")
                                .as(Caller.ADMIN)
                                .post("/api/products", Body.oversize(padded(product), false))
                                .expect(413))
                .map(c -> Arguments.of(c.displayName(), c));
    }

    // ------------------------------------------------------------------ the test

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithoutInternalsAndChangesNothing(String name, Case hostile) throws Exception {
        Map<String, List<Map<String, Object>>> before = snapshot();
        Answer answer = send(hostile);
        String seen = answer.toString();

        assertThat(answer.status()).as(seen).isEqualTo(hostile.status());
        if (hostile.basicAuthChallenge()) {
            assertThat(answer.wwwAuthenticate()).as(seen).startsWith("Basic");
        } else {
            assertProblemShape(answer.body(), answer.contentType(), hostile.status(), seen);
            if (hostile.code() != null) {
                assertThat(JsonPath.<String>read(answer.body(), "$.code"))
                        .as(seen)
                        .isEqualTo(hostile.code());
            }
        }
        assertThat(answer.body()).as(seen).doesNotContain(INTERNALS.toArray(String[]::new));
        for (String word : INTERNALS_ANY_CASE) {
            assertThat(answer.body()).as(seen).doesNotContainIgnoringCase(word);
        }
        assertThat(changes(before, snapshot()))
                .as("stored rows changed by " + seen)
                .isEmpty();
        Scenarios.note(answer.status() + (hostile.code() == null ? "" : " " + hostile.code()));
    }

    @AfterAll
    static void nothingChangedOverall() throws Exception {
        if (baseline != null) {
            assertThat(changes(baseline, snapshot()))
                    .as("stored rows changed by the hostile cases together")
                    .isEmpty();
        }
    }

    /** Per table whose rows differ: the rows that were there before and are gone, and those that are new. */
    private static Map<String, Change> changes(
            Map<String, List<Map<String, Object>>> before, Map<String, List<Map<String, Object>>> after) {
        Map<String, Change> changed = new LinkedHashMap<>();
        before.forEach((table, rows) -> {
            List<Map<String, Object>> was = new ArrayList<>(rows);
            was.removeAll(after.get(table));
            List<Map<String, Object>> now = new ArrayList<>(after.get(table));
            now.removeAll(rows);
            if (!was.isEmpty() || !now.isEmpty()) {
                changed.put(table, new Change(was, now));
            }
        });
        return changed;
    }

    record Change(List<Map<String, Object>> was, List<Map<String, Object>> now) {}

    // ------------------------------------------------------------------ set-up

    /** alice and bob each have a cart line, bob a wishlist item, and a promo code exists; then the stored state. */
    @BeforeAll
    static void setUp() throws Exception {
        List<ProductRef> inStock =
                products().stream().filter(p -> p.stock() >= 10).toList();
        assertThat(inStock).as("products with stock").hasSizeGreaterThanOrEqualTo(2);
        IDS.put("product", String.valueOf(inStock.get(0).id()));

        IDS.put("aliceItem", cartLine(userToken("alice"), inStock.get(0).id()));
        IDS.put("bobItem", cartLine(userToken("bob"), inStock.get(0).id()));
        var wished = call(
                "POST",
                CART,
                "/api/v1/wishlist/items",
                userToken("bob"),
                "{\"productId\":" + inStock.get(1).id() + "}");
        assertThat(wished.statusCode()).as(wished.body()).isIn(200, 201);
        IDS.put(
                "bobWish",
                String.valueOf(JsonPath.<List<Number>>read(
                                wished.body(),
                                "$.items[?(@.productId == " + inStock.get(1).id() + ")].id")
                        .getFirst()));

        var promo = call(
                "POST",
                CART,
                "/internal/promo-codes",
                operatorToken(),
                "{\"code\":\"" + PROMO + "\",\"discountType\":\"PERCENT\",\"discountValue\":10}");
        assertThat(promo.statusCode()).as(promo.body()).isIn(201, 409);

        aliceWithoutCartScope =
                new TokenClient().userToken(platform.issuer(), "alice", "alice-password".toCharArray(), "openid");
        aliceIdToken = new TokenClient()
                .userTokens(platform.issuer(), "alice", "alice-password".toCharArray(), TokenClient.DEFAULT_USER_SCOPE)
                .idToken();
        assertThat(aliceIdToken).as("an ID token from the openid login").isNotNull();
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ownKey = generator.generateKeyPair().getPrivate();

        // Earlier classes' catalog events may still be on their way to the cart: wait until the outbox is empty and
        // the stored state stays the same for a second.
        AtomicReference<Map<String, List<Map<String, Object>>>> previous = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, List<Map<String, Object>>> now = snapshot();
                    return now.equals(previous.getAndSet(now))
                            && count("product", "select count(*) from outbox_events where published_at is null") == 0;
                });
        baseline = previous.get();
    }

    /** The id of the user's cart line for the product, adding one unit if there is none. */
    private static String cartLine(String token, long productId) throws Exception {
        var cart = call("POST", CART, "/api/v1/cart/items", token, "{\"productId\":" + productId + ",\"quantity\":1}");
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
        return String.valueOf(
                JsonPath.<List<Number>>read(cart.body(), "$.items[?(@.productId == " + productId + ")].id")
                        .getFirst());
    }

    /**
     * What the cases must not change: catalog rows and versions, the outbox, carts, lines, wishlists, promo codes and
     * their uses, and the cart's event bookkeeping. Columns a catalog event may refresh (product snapshots in cart
     * lines) are left out; quantities, ids and update times are in.
     */
    private static Map<String, List<Map<String, Object>>> snapshot() throws Exception {
        Map<String, List<Map<String, Object>>> state = new LinkedHashMap<>();
        state.put(
                "products",
                query(
                        "product",
                        "select id, name, description, price, currency, stock_quantity, active, "
                                + "category_id, version, updated_at from products order by id"));
        state.put(
                "categories",
                query("product", "select id, name, description, version, updated_at from categories order by id"));
        state.put("outbox", query("product", "select count(*) as events, max(id) as last_id from outbox_events"));
        state.put("carts", query("cart", "select id, user_id, updated_at from carts order by id"));
        state.put(
                "cart_items",
                query(
                        "cart",
                        "select id, cart_id, product_id, quantity, price_when_added, added_at, updated_at "
                                + "from cart_items order by id"));
        state.put("wishlists", query("cart", "select id, user_id from wishlists order by id"));
        state.put(
                "wishlist_items",
                query("cart", "select id, wishlist_id, product_id, added_at from wishlist_items order by id"));
        state.put("promo_codes", query("cart", "select id, code, times_used, active from promo_codes order by id"));
        state.put(
                "cart_promo_codes",
                query("cart", "select cart_id, promo_code_id, applied_at from cart_promo_codes order by cart_id"));
        state.put(
                "events",
                query(
                        "cart",
                        "select (select count(*) from processed_events) as processed, "
                                + "(select count(*) from dead_letters) as dead_letters"));
        return state;
    }

    // ------------------------------------------------------------------ requests

    /** What came back, and a one-line description of the exchange for failure messages. */
    record Answer(String request, int status, String contentType, String wwwAuthenticate, String body) {
        @Override
        public String toString() {
            return request + " -> " + status + " " + contentType + " "
                    + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    private static Answer send(Case hostile) throws Exception {
        URI uri = url(hostile.port(), resolve(hostile.path()));
        String authorization = authorization(hostile.caller());
        if (hostile.body().oversize()) {
            return sendOversize(hostile, uri, authorization);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .method(hostile.method(), hostile.body().publisher());
        if (hostile.body() != Body.NONE) {
            request.header("Content-Type", hostile.contentType());
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                hostile.method() + " " + uri,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(""),
                response.body());
    }

    /**
     * An oversize body over a plain socket. A server that refuses a body without reading it closes the connection, and
     * a client still writing then gets a reset, with which the JDK client drops the answer too. So the request either
     * declares its length and sends no body (the gateway must refuse on the declared length alone), or streams chunks
     * to one byte past the limit and stops (it must refuse as soon as the streamed bytes exceed the limit).
     */
    private static Answer sendOversize(Case hostile, URI uri, String authorization) throws Exception {
        byte[] content = resolve(hostile.body().json()).getBytes(StandardCharsets.UTF_8);
        boolean chunked = hostile.body().chunked();
        StringBuilder head = new StringBuilder(hostile.method() + " " + uri.getRawPath() + " HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getAuthority())
                .append("\r\n")
                .append("Content-Type: application/json\r\nConnection: close\r\n")
                .append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + content.length)
                .append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; chunked && sent <= MAX_BODY; ) {
                int size = Math.min(64 * 1024, MAX_BODY + 1 - sent);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content, sent, size);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent += size;
            }
            out.flush();
            return readAnswer(
                    hostile.method() + " " + uri
                            + (chunked ? " (chunked)" : " (Content-Length " + content.length + ")"),
                    new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Answer readAnswer(String request, InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).as("an answer to " + request).startsWith("HTTP/1.1 ");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            headers.put(
                    header.substring(0, header.indexOf(':')).trim(),
                    header.substring(header.indexOf(':') + 1).trim());
        }
        byte[] body = headers.containsKey("Content-Length")
                ? in.readNBytes(Integer.parseInt(headers.get("Content-Length")))
                : in.readAllBytes();
        return new Answer(
                request,
                Integer.parseInt(statusLine.split(" ")[1]),
                headers.getOrDefault("Content-Type", ""),
                headers.getOrDefault("WWW-Authenticate", ""),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Replaces {name} placeholders with the ids set up before; {version} is the product's current version. */
    private static String resolve(String text) throws Exception {
        for (var id : IDS.entrySet()) {
            text = text.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (text.contains("{version}")) {
            text = text.replace(
                    "{version}",
                    String.valueOf(product(Long.parseLong(IDS.get("product"))).version()));
        }
        return text;
    }

    /** A JSON object with a 2 MB string property added (the service would ignore it: only the size is wrong). */
    private static String padded(String json) {
        return json.substring(0, json.length() - 1) + ",\"padding\":\"" + "x".repeat(2 * MAX_BODY) + "\"}";
    }

    private static byte[] invalidUtf8() {
        byte[] prefix = "{\"code\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        return body;
    }

    // ------------------------------------------------------------------ callers and forged tokens

    enum Caller {
        ANONYMOUS,
        ALICE,
        BOB,
        ADMIN,
        SERVICE,
        ALICE_WITHOUT_CART_SCOPE,
        ALICE_PASSWORD_AS_BASIC,
        TAMPERED_SIGNATURE,
        TAMPERED_SUBJECT,
        TAMPERED_SCOPE,
        ALG_NONE,
        OWN_KEY,
        OWN_KEY_EXPIRED,
        OWN_KEY_WRONG_ISSUER,
        OWN_KEY_WRONG_AUDIENCE,
        HS256_WITH_PUBLIC_KEY,
        CONFIG_WRONG_PASSWORD,
        EUREKA_WRONG_PASSWORD,
        EUREKA_CART_SERVICE,
        EUREKA_PROMETHEUS,
        MONITOR,
        PRODUCT_SERVICE,
        ID_TOKEN,
        REAL_KEY_EXPIRED,
        REAL_KEY_WRONG_ISSUER,
        REAL_KEY_WRONG_AUDIENCE
    }

    /** The Authorization header a caller sends (forged tokens are made from alice's real one). */
    private static String authorization(Caller caller) throws Exception {
        String alice = userToken("alice"); // cached
        long now = Instant.now().getEpochSecond();
        return switch (caller) {
            case ANONYMOUS -> null;
            case ALICE -> bearer(alice);
            case BOB -> bearer(userToken("bob"));
            case ADMIN -> bearer(userToken("admin"));
            case SERVICE -> bearer(operatorToken());
            case ALICE_WITHOUT_CART_SCOPE -> bearer(aliceWithoutCartScope);
            case ALICE_PASSWORD_AS_BASIC -> RunningPlatform.basic("alice", "alice-password");
            case TAMPERED_SIGNATURE ->
                bearer(alice.substring(0, alice.lastIndexOf('.') + 1) + b64("not the issuer's signature"));
            case TAMPERED_SUBJECT -> bearer(withPayload(alice, claims(alice, c -> put(c, "sub", "bob"))));
            case TAMPERED_SCOPE ->
                bearer(withPayload(
                        alice, claims(alice, c -> put(c, "scope", List.of("openid", "cart", "catalog:write")))));
            case ALG_NONE -> bearer(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + alice.split("\\.")[1] + ".");
            case OWN_KEY ->
                bearer(rs256(alice, claims(alice, c -> put(c, "scope", List.of("openid", "cart", "catalog:write")))));
            case OWN_KEY_EXPIRED ->
                bearer(rs256(alice, claims(alice, c -> put(put(c, "iat", now - 7200), "exp", now - 3600))));
            case OWN_KEY_WRONG_ISSUER ->
                bearer(rs256(alice, claims(alice, c -> put(c, "iss", "https://issuer.evil.example"))));
            case OWN_KEY_WRONG_AUDIENCE ->
                bearer(rs256(alice, claims(alice, c -> put(c, "aud", List.of("another-platform")))));
            case HS256_WITH_PUBLIC_KEY ->
                bearer(hs256(claims(alice, c -> put(c, "scope", List.of("openid", "cart", "catalog:write")))));
            case CONFIG_WRONG_PASSWORD -> RunningPlatform.basic("config", "wrong-password");
            case EUREKA_WRONG_PASSWORD -> RunningPlatform.basic("eureka", "wrong-password");
            case EUREKA_CART_SERVICE -> RunningPlatform.basic("cart-service", "cart-service-eureka-dev-password");
            case EUREKA_PROMETHEUS -> RunningPlatform.basic("prometheus", "prometheus-eureka-dev-password");
            case MONITOR -> bearer(monitorToken());
            case PRODUCT_SERVICE -> bearer(catalogEventsToken());
            case ID_TOKEN -> bearer(aliceIdToken);
            case REAL_KEY_EXPIRED ->
                bearer(IssuerKey.sign(claims(alice, c -> put(put(c, "iat", now - 7200), "exp", now - 3600))));
            case REAL_KEY_WRONG_ISSUER ->
                bearer(IssuerKey.sign(claims(alice, c -> put(c, "iss", "https://issuer.evil.example"))));
            case REAL_KEY_WRONG_AUDIENCE ->
                bearer(IssuerKey.sign(claims(alice, c -> put(c, "aud", List.of("another-platform")))));
        };
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The token's claims as JSON, changed by {@code change}. */
    private static String claims(String token, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> claims =
                new LinkedHashMap<>(JsonPath.<Map<String, Object>>read(decode(token.split("\\.")[1]), "$"));
        return JSONValue.toJSONString(change.apply(claims));
    }

    private static Map<String, Object> put(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }

    /** The real header and signature around another payload. */
    private static String withPayload(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(claims) + "." + parts[2];
    }

    /** RS256 with a key of our own, under the issuer's real key id. */
    private static String rs256(String realToken, String claims) throws Exception {
        String kid = JsonPath.read(decode(realToken.split("\\.")[0]), "$.kid");
        String input = b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(ownKey);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    /** The classic algorithm confusion: HS256 with the issuer's public JWK set as the shared secret. */
    private static String hs256(String claims) throws Exception {
        byte[] jwks = platform.send(HttpRequest.newBuilder(url("AUTH_SERVER_PORT", "/oauth2/jwks")))
                .body()
                .getBytes(StandardCharsets.UTF_8);
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwks, "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the case table's vocabulary

    /** A request body: none, JSON (placeholders resolved when sent), raw bytes, or an oversize JSON body (see sendOversize). */
    record Body(String json, byte[] bytes, boolean oversize, boolean chunked) {
        static final Body NONE = new Body(null, null, false, false);

        static Body json(String json) {
            return new Body(json, null, false, false);
        }

        static Body bytes(byte[] bytes) {
            return new Body(null, bytes, false, false);
        }

        static Body oversize(String json, boolean chunked) {
            return new Body(json, null, true, chunked);
        }

        HttpRequest.BodyPublisher publisher() throws Exception {
            return this == NONE
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(
                            bytes != null ? bytes : resolve(json).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One hostile request and the answer it must get; built as hostile(name).on(target).as(caller).post(...).expect(status). */
    record Case(
            String name,
            String port,
            Caller caller,
            String method,
            String path,
            Body body,
            String contentType,
            int status,
            String code) {

        Case on(String target) {
            return new Case(name, target, caller, method, path, body, contentType, status, code);
        }

        Case as(Caller who) {
            return new Case(name, port, who, method, path, body, contentType, status, code);
        }

        Case get(String target) {
            return request("GET", target, Body.NONE);
        }

        Case delete(String target) {
            return request("DELETE", target, Body.NONE);
        }

        Case post(String target, String json) {
            return request("POST", target, Body.json(json));
        }

        Case post(String target, Body content) {
            return request("POST", target, content);
        }

        Case put(String target, String json) {
            return request("PUT", target, Body.json(json));
        }

        Case patch(String target, String json) {
            return request("PATCH", target, Body.json(json));
        }

        Case contentType(String type) {
            return new Case(name, port, caller, method, path, body, type, status, code);
        }

        Case expect(int expected) {
            return expect(expected, null);
        }

        /** The status, and for the cart's domain errors the problem's stable {@code code}. */
        Case expect(int expected, String expectedCode) {
            return new Case(name, port, caller, method, path, body, contentType, expected, expectedCode);
        }

        private Case request(String verb, String target, Body content) {
            return new Case(name, port, caller, verb, target, content, contentType, status, code);
        }

        /** Config-server and Eureka answer a missing or wrong login with a basic-auth challenge, not problem details. */
        boolean basicAuthChallenge() {
            return (port.equals(CONFIG_SERVER) || port.equals(EUREKA)) && status == 401;
        }

        String displayName() {
            String target = switch (port) {
                case GATEWAY -> "gateway";
                case CART -> "cart-service";
                case PRODUCT -> "product-service";
                case CONFIG_SERVER -> "config-server";
                case EUREKA -> "eureka";
                default -> port;
            };
            return "%s (%s) -> %d".formatted(name, target, status);
        }
    }

    private static Case hostile(String name) {
        return new Case(name, GATEWAY, Caller.ANONYMOUS, "GET", "/", Body.NONE, "application/json", 0, null);
    }
}
