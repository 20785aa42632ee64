package io.shopstack.e2e;

import com.jayway.jsonpath.JsonPath;
import io.shopstack.cli.token.ServiceClients;
import io.shopstack.cli.token.TokenClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of every end-to-end test class: one running platform for the whole suite (started by the first class,
 * stopped by {@link ShutdownTest} or when the suite ends), tokens from the real issuer, HTTP and SQL helpers.
 * Port variables name the target: {@code GATEWAY_PORT} (the entry URL), {@code CART_SERVICE_PORT} (direct), ...
 */
@ExtendWith({PlatformTest.Platform.class, Scenarios.Recorder.class})
abstract class PlatformTest {

    static final String GATEWAY = "GATEWAY_PORT";
    static final String CART = "CART_SERVICE_PORT";
    static final String PRODUCT = "PRODUCT_SERVICE_PORT";

    static RunningPlatform platform;

    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2); // service tokens live 5 min, user tokens 15

    private record CachedToken(String value, long fetchedAt) {}

    /** Starts the shared platform once per test JVM (a failed start fails every class at once, it is not retried). */
    static final class Platform implements BeforeAllCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Platform.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            scenarios(context);
            platform = context.getRoot()
                    .getStore(NAMESPACE)
                    .computeIfAbsent(
                            RunningPlatform.class,
                            key -> {
                                try {
                                    return new RunningPlatform();
                                } catch (Exception e) {
                                    throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
                                }
                            },
                            RunningPlatform.class);
        }
    }

    static Scenarios scenarios(ExtensionContext context) {
        return context.getRoot()
                .getStore(Platform.NAMESPACE)
                .computeIfAbsent(
                        Scenarios.class,
                        key -> new Scenarios(platformRoot().resolve("e2e-tests/target/e2e-summary.md")),
                        Scenarios.class);
    }

    private static java.nio.file.Path platformRoot() {
        return RunningPlatform.findRoot();
    }

    @BeforeAll
    static void requirePlatform() {
        assertThat(platform).as("the shared platform").isNotNull();
    }

    // ------------------------------------------------------------------ tokens

    /** A user's token from the real login (authorization code + PKCE); admin's carries catalog:write. */
    static String userToken(String user) {
        String scope = user.equals("admin")
                ? TokenClient.DEFAULT_USER_SCOPE + " catalog:write"
                : TokenClient.DEFAULT_USER_SCOPE;
        return token(
                "user:" + user,
                () -> new TokenClient().userToken(platform.issuer(), user, (user + "-password").toCharArray(), scope));
    }

    /** The operator's client-credentials token: catalog:write, promo:admin, dlq:admin, metrics:read, actuator:write. */
    static String operatorToken() {
        return clientToken("operator");
    }

    /** A monitor's token (client prometheus, scope metrics:read), as Prometheus scrapes with. */
    static String monitorToken() {
        return clientToken("prometheus");
    }

    /** product-service's own token (scope catalog:events): the only client that may post catalog events. */
    static String catalogEventsToken() {
        return clientToken("product-service");
    }

    /** A client-credentials token with every scope the client is registered with (local development secret; a request
     * must name its scopes, the issuer grants none otherwise). */
    static String clientToken(String clientId) {
        return token(
                "client:" + clientId,
                () -> new TokenClient()
                        .serviceToken(
                                platform.issuer(),
                                clientId,
                                (clientId + "-dev-secret").toCharArray(),
                                ServiceClients.registeredScopes(clientId).orElseThrow()));
    }

    private interface TokenSource {
        String fetch() throws Exception;
    }

    private static String token(String key, TokenSource source) {
        CachedToken cached = TOKENS.get(key);
        if (cached == null || System.nanoTime() - cached.fetchedAt() > TOKEN_REUSE.toNanos()) {
            try {
                cached = new CachedToken(source.fetch(), System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException("token for " + key + ": " + e.getMessage(), e);
            }
            TOKENS.put(key, cached);
        }
        return cached.value();
    }

    // ------------------------------------------------------------------ HTTP

    static URI url(String portVariable, String path) {
        return platform.url(portVariable, path);
    }

    static HttpResponse<String> get(String portVariable, String path, String token) throws Exception {
        return call("GET", portVariable, path, token, null);
    }

    /** A request with an optional bearer token and an optional JSON body. */
    static HttpResponse<String> call(String method, String portVariable, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(portVariable, path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return platform.send(request);
    }

    // ------------------------------------------------------------------ problems

    /** The members every error body has, at the gateway and in every service (RFC 9457 and the platform's code). */
    static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code");
    /** Extension members some codes add (docs/problems.md); anything else is a leak or a second error model. */
    static final Set<String> PROBLEM_EXTENSIONS = Set.of(
            "errors",
            "retryAfterSeconds",
            "productId",
            "availableStock",
            "requestedQuantity",
            "maxDistinctItems",
            "maxQuantityPerItem",
            "maxWishlistItems",
            "usageLimit",
            "minimumOrder",
            "subtotal",
            "field");

    /**
     * Asserts that a body is the platform's problem: problem+json content, the standard members and a code, a type
     * URI under https://shopstack.io/problems/, no other members than the documented extensions. Returns the
     * standard members present (the "shape" that the gateway's and the services' answers share).
     */
    static Set<String> assertProblemShape(String body, String contentType, int status, String seen) {
        assertThat(contentType).as(seen).startsWith("application/problem+json");
        Map<String, Object> members = JsonPath.read(body, "$");
        assertThat(members.keySet()).as(seen).containsAll(PROBLEM_MEMBERS);
        assertThat(members.keySet())
                .as(seen + ": undocumented members")
                .allMatch(member -> PROBLEM_MEMBERS.contains(member) || PROBLEM_EXTENSIONS.contains(member));
        assertThat(members.get("status")).as(seen).isEqualTo(status);
        assertThat((String) members.get("code")).as(seen).matches("[A-Z][A-Z0-9_]*");
        assertThat((String) members.get("type"))
                .as(seen)
                .isEqualTo("https://shopstack.io/problems/"
                        + ((String) members.get("code"))
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '-'));
        Set<String> shape = new TreeSet<>(members.keySet());
        shape.retainAll(PROBLEM_MEMBERS);
        return shape;
    }

    static Set<String> assertProblemShape(HttpResponse<String> response, int status, String seen) {
        assertThat(response.statusCode()).as(seen + ": " + response.body()).isEqualTo(status);
        return assertProblemShape(
                response.body(), response.headers().firstValue("Content-Type").orElse(""), status, seen);
    }

    static <T> T json(HttpResponse<String> response, String path) {
        return JsonPath.read(response.body(), path);
    }

    /** The index-th match of a filter expression (JsonPath filters always answer with a list). */
    static Object json(HttpResponse<String> response, String path, int index) {
        List<Object> values = JsonPath.read(response.body(), path);
        return values.get(index);
    }

    // ------------------------------------------------------------------ catalog

    record ProductRef(long id, String name, String price, long version, Long categoryId, int stock) {}

    static ProductRef product(long id) throws Exception {
        var response = get(PRODUCT, "/api/products/" + id, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return productOf(response.body(), "$");
    }

    /** The demo catalog's products in id order (the local profile loads 36 of them). */
    static List<ProductRef> products() throws Exception {
        var response = get(PRODUCT, "/api/products?size=100&sort=id,asc", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int count = JsonPath.<Integer>read(response.body(), "$.content.length()");
        List<ProductRef> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(productOf(response.body(), "$.content[" + i + "]"));
        }
        return products;
    }

    private static ProductRef productOf(String body, String at) {
        Number category = JsonPath.read(body, at + ".categoryId");
        return new ProductRef(
                JsonPath.<Number>read(body, at + ".id").longValue(),
                JsonPath.read(body, at + ".name"),
                JsonPath.read(body, at + ".price").toString(),
                JsonPath.<Number>read(body, at + ".version").longValue(),
                category == null ? null : category.longValue(),
                JsonPath.<Number>read(body, at + ".stockQuantity").intValue());
    }

    /** An admin's price change, directly at product-service; returns the new version. */
    static long changePrice(long productId, String price) throws Exception {
        long version = product(productId).version();
        var response = call(
                "PUT",
                PRODUCT,
                "/api/products/" + productId + "/price",
                userToken("admin"),
                "{\"price\":\"" + price + "\",\"version\":" + version + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.<Number>read(response.body(), "$.version").longValue();
    }

    /**
     * A new percentage promo code (prefix + a number), created by the operator directly at cart-service's internal
     * API; returns the code.
     */
    static String percentPromoCode(String prefix, int percent, String description) throws Exception {
        String code = prefix + (System.nanoTime() % 1_000_000);
        var created = call(
                "POST",
                CART,
                "/internal/promo-codes",
                operatorToken(),
                "{\"code\":\"" + code + "\",\"discountType\":\"PERCENT\",\"discountValue\":" + percent
                        + ",\"description\":\"" + description + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return code;
    }

    // ------------------------------------------------------------------ processes

    /** The pid of a running instance, e.g. {@code product-service-1}, as the launcher recorded it. */
    static long pid(String instance) throws Exception {
        return Long.parseLong(java.nio.file.Files.readString(platform.home.resolve("run/services/" + instance + ".pid"))
                .trim()
                .split("\\s+")[0]);
    }

    /** kill -9, and wait until the process is gone. */
    static void kill(String instance) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid(instance)).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ databases

    /** Rows of a query on a service's own database (to look at what it stored, never to change it). */
    static List<Map<String, Object>> query(String database, String sql, Object... parameters) throws Exception {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + platform.port("SHOPSTACK_POSTGRES_PORT") + "/" + database,
                        "postgres",
                        "");
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static long count(String database, String sql, Object... parameters) throws Exception {
        return ((Number) query(database, sql, parameters)
                        .getFirst()
                        .values()
                        .iterator()
                        .next())
                .longValue();
    }
}
