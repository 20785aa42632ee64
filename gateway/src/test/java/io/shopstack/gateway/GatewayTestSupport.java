package io.shopstack.gateway;

import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.TestTokenIssuer;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The gateway as it runs: the real routes and limits of {@code config-repo/gateway.yml} (and the shared
 * {@code config-repo/application.yml}), a real embedded Redis, real HTTP. Services are stub servers registered under
 * their service ids with Spring Cloud's simple discovery client (Eureka is off), so {@code lb://product-service}
 * resolves to them. Tokens come from a local issuer ({@link TestTokenIssuer}). All test classes share one application
 * context; each uses its own token subjects so rate-limit buckets do not interfere.
 * <p>
 * The config-repo files are copied to a temporary folder and imported from there (as a system property, which a
 * config refresh sees again), so a test can edit "the config" and refresh like a config commit + bus refresh does.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience4j.timelimiter.instances.product-service.timeout-duration=2s",
            "shopstack.gateway.rate-limit.redis-retry-interval=1s",
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s",
            "logging.level.io.shopstack.gateway=DEBUG",
            // ClientIdentityTest's proxies; every other test calls from 127.0.0.1, an untrusted peer
            "shopstack.gateway.trusted-proxies=" + GatewayTestSupport.TRUSTED_PROXIES
        })
@IsolatedServiceTest
@WithInfrastructure(Server.REDIS)
abstract class GatewayTestSupport {

    /** Loopback addresses (all of 127.0.0.0/8 is local on Linux) that tests use as trusted reverse proxies. */
    static final String TRUSTED_PROXIES = "127.77.0.0/16";

    static final TestTokenIssuer tokens;
    static final StubService productService;
    static final StubService cartService;
    static final StubService orderService;
    static final StubService authServer;
    static final Path configFolder;

    static {
        try {
            tokens = TestTokenIssuer.start();
            productService = new StubService("product-service");
            cartService = new StubService("cart-service");
            orderService = new StubService("order-service");
            authServer = new StubService("auth-server");
            configFolder = Files.createTempDirectory("gateway-config-");
            Path repo = Path.of("..", "config-repo");
            Files.copy(
                    repo.resolve("application.yml"),
                    configFolder.resolve("application.yml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    repo.resolve("gateway.yml"),
                    configFolder.resolve("gateway.yml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Seen again by a config refresh (which rebuilds the environment from system properties and config files).
        System.setProperty(
                "spring.config.import",
                "file:" + configFolder.resolve("application.yml").toAbsolutePath() + ",file:"
                        + configFolder.resolve("gateway.yml").toAbsolutePath());
        System.setProperty("spring.cloud.config.enabled", "false");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tokens.close();
            productService.close();
            cartService.close();
            orderService.close();
            authServer.close();
            try (var files = Files.list(configFolder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(configFolder);
            } catch (IOException e) {
                // a temporary folder; the OS cleans up eventually
            }
        }));
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        tokens.register(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.product-service[0].uri", productService::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.cart-service[0].uri", cartService::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", orderService::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.auth-server[0].uri", authServer::uri);
    }

    @LocalServerPort
    int port;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static volatile boolean warmedUp;

    /**
     * The first call of each route on a cold JVM loads the HTTP client, load balancer and circuit breaker (seconds on a
     * busy 2-core machine, more than the test's time limiter): done once here, before any test measures anything.
     */
    @BeforeEach
    void warmUpOnceAndClearStubs() throws InterruptedException {
        if (!warmedUp) {
            String token = tokens.valid("warm-up", "openid cart");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && (get("/api/products/warm-up").statusCode() != 200
                            || get("/api/v1/cart", token).statusCode() != 200)) {
                Thread.sleep(200);
            }
            warmedUp = true;
        }
        productService.clear();
        cartService.clear();
        orderService.clear();
        orderService.release();
        authServer.clear();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = request(path);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** On a client of its own: for requests whose connection the gateway closes (a body cut off at the limit). */
    HttpResponse<String> sendAlone(HttpRequest.Builder request) {
        try (HttpClient alone =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return alone.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client whose connections come from {@code sourceAddress} (a loopback address: any of 127.0.0.0/8). */
    static HttpClient clientFrom(String sourceAddress) {
        try {
            return HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(sourceAddress)) // a literal: no lookup
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(sourceAddress, e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
