package io.shopstack.cart;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.TestTokenIssuer;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One application context for all cart-service integration tests: real PostgreSQL ("cart"), Kafka and Redis, a test
 * token issuer, Spring Cloud Bus on the real Kafka, and {@link FakeCatalog} as product-service (reached through the
 * load balancer by service id).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedServiceTest
@WithInfrastructure(
        value = {Server.POSTGRES, Server.KAFKA, Server.REDIS},
        database = "cart")
@ActiveProfiles("test")
// The bus runs here (Kafka is real): BusEnvironmentEventsTest checks what it applies. One context for all classes.
// A refresh rebuilds the environment from the standard sources only: keep the test's own (no config-server in it).
@TestPropertySource(
        properties = {
            "spring.cloud.bus.enabled=true",
            "spring.cloud.refresh.additional-property-sources-to-retain=Inlined Test Properties"
        })
abstract class CartServiceIntegrationTest {

    static final TestTokenIssuer tokens = TestTokenIssuer.start();
    static final FakeCatalog catalog = FakeCatalog.start();
    /** The operator client's scopes (README's client matrix): promo codes, dead letters, monitoring. */
    static final String OPERATOR =
            tokens.token("cart-operator", "catalog:write promo:admin dlq:admin metrics:read actuator:write");
    /** product-service's client: it may post catalog events, nothing else. */
    static final String PRODUCT_SERVICE = tokens.token("product-service", "catalog:events");
    /** A monitor (Prometheus, observability): reads health and metrics, never writes. */
    static final String MONITOR = tokens.token("prometheus", "metrics:read");

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        tokens.register(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", catalog::uri);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    ConfigurableApplicationContext context;

    /** Amounts are read as exact decimals, as written (29.70 stays 29.70). */
    final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static volatile boolean catalogClientWarm;

    @BeforeEach
    void healthyCatalog() throws Exception {
        catalog.up();
        warmUpCatalogClient();
        circuitBreakers.circuitBreaker("product-service").reset();
        Set<String> keys = redis.keys("cart:catalog:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    /**
     * The first catalog call builds the Feign client, the load balancer and the bulkhead's threads: on a busy machine
     * longer than the test time limiter (500 ms), so whichever test ran first saw 503 CATALOG_UNAVAILABLE for its
     * first write. Done once, before any test relies on the catalog answering.
     */
    private void warmUpCatalogClient() throws Exception {
        if (catalogClientWarm) {
            return;
        }
        long product = catalog.create("Warm-up mug", "1.00", 10);
        String user = token(newUser());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    circuitBreakers.circuitBreaker("product-service").reset();
                    return addToCart(user, product, 1).status() < 300;
                });
        catalogClientWarm = true;
    }

    /** A fresh user (token subject) per test, so tests never see each other's carts. */
    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static String token(String user) {
        return tokens.token(user, "openid cart");
    }

    Response send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        return new Response(response.statusCode(), response.headers(), node, response.body());
    }

    Response get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    Response addToCart(String token, long productId, int quantity) throws Exception {
        return send(
                "POST", "/api/v1/cart/items", token, "{\"productId\":" + productId + ",\"quantity\":" + quantity + "}");
    }

    void evictProductCache() {
        Set<String> keys = redis.keys("cart:catalog:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    record Response(int status, HttpHeaders headers, JsonNode body, String text) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }
}
