package io.shopstack.platform.servlet;

import io.shopstack.testsupport.TestTokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that only adds its domain gets the platform's security, actuator policy and problem details. */
@SpringBootTest(
        classes = ServletDefaultsTest.DemoService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServletDefaultsTest {

    static final TestTokenIssuer tokens = TestTokenIssuer.start();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        tokens.register(registry);
    }

    @AfterAll
    static void stopIssuer() {
        tokens.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidTokenReachesTheServiceAsItsSubject() throws Exception {
        var response = get("/api/me", tokens.valid("alice", "openid cart"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice");
    }

    @Test
    void badTokensAreRejectedWith401ProblemDetails() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        Map<String, String> bad = Map.of(
                "no token", "",
                "wrong signature", tokens.signedWithAnotherKey("alice", "cart"),
                "alg none", tokens.unsigned("alice", "cart"),
                "wrong issuer",
                        tokens.sign(tokens.claims("alice", "cart")
                                .issuer("http://evil.test")
                                .build()),
                "wrong audience",
                        tokens.sign(tokens.claims("alice", "cart")
                                .audience("another-platform")
                                .build()),
                "expired",
                        tokens.sign(tokens.claims("alice", "cart")
                                .issueTime(Date.from(past))
                                .expirationTime(Date.from(past.plusSeconds(60)))
                                .build()),
                "garbage", "not.a.jwt");
        for (var token : bad.entrySet()) {
            var response = get("/api/me", token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(token.getKey())
                    .hasValueSatisfying(header -> assertThat(header).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(token.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body())
                    .as(token.getKey())
                    .contains("\"status\":401")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403() throws Exception {
        assertThat(get("/api/admin", tokens.valid("alice", "cart")).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/admin", tokens.valid("admin", "catalog:write")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void serviceRulesCanOpenPublicPaths() throws Exception {
        assertThat(get("/api/public", "").statusCode()).isEqualTo(200);
    }

    @Test
    void internalEndpointsNeedTheirPurposeScope() throws Exception {
        assertThat(get("/internal/ping", "").statusCode()).isEqualTo(401);
        assertThat(get("/internal/ping", tokens.valid("alice", "cart")).statusCode())
                .isEqualTo(403);
        assertThat(get("/internal/ping", tokens.valid("prometheus", "metrics:read"))
                        .statusCode())
                .as("another purpose's scope")
                .isEqualTo(403);
        assertThat(get("/internal/ping", tokens.valid("operator", "ping:admin")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anInternalPathNoServiceRuleNamesIsDeniedToEveryToken() throws Exception {
        var denied = get("/internal/unnamed", tokens.valid("operator", "ping:admin metrics:read actuator:write"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void actuatorReadsNeedMetricsReadAndWritesActuatorWrite() throws Exception {
        String monitor = tokens.valid("prometheus", "metrics:read");
        assertThat(get("/actuator/prometheus", monitor).statusCode()).isEqualTo(200);
        assertThat(send(HttpMethod.POST, "/actuator/refresh", monitor, "{}").statusCode())
                .as("a monitor cannot refresh (or change log levels)")
                .isEqualTo(403);
        assertThat(send(HttpMethod.POST, "/actuator/refresh", tokens.valid("operator", "actuator:write"), "{}")
                        .statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void actuatorExposesOnlyHealthAndInfoPublicly() throws Exception {
        assertThat(get("/actuator/health", "").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", "").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", "").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", "").statusCode()).isEqualTo(200);
        var health = get("/health", "");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        for (String endpoint :
                List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/env", "/actuator/beans")) {
            assertThat(get(endpoint, "").statusCode()).as(endpoint).isEqualTo(401);
            assertThat(get(endpoint, tokens.valid("alice", "cart")).statusCode())
                    .as(endpoint)
                    .isEqualTo(403);
        }
        assertThat(get("/actuator/metrics", tokens.valid("prometheus", "metrics:read"))
                        .statusCode())
                .isEqualTo(200);
        // Not exposed at all, even with a service token.
        assertThat(get("/actuator/env", tokens.valid("prometheus", "metrics:read"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void errorsAreProblemDetailsWithoutInternals() throws Exception {
        String token = tokens.valid("alice", "cart");
        var malformed = post("/api/items", token, "{\"name\": \"x\", \"quantity\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.body())
                .doesNotContain("jackson")
                .doesNotContain("Exception")
                .doesNotContain("line:");

        var wrongType = post("/api/items", token, "{\"name\": \"x\", \"quantity\": \"many\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        // Strict input: no silent truncation of 1.5 to 1, no NUL (PostgreSQL cannot store it: a 500 otherwise).
        var fraction = post("/api/items", token, "{\"name\": \"x\", \"quantity\": 1.5}");
        assertThat(fraction.statusCode()).isEqualTo(400);
        assertThat(fraction.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var nul = post("/api/items", token, "{\"name\": \"x\\u0000y\", \"quantity\": 1}");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).doesNotContain("\\u0000").doesNotContain("Exception");
        assertThat(post("/api/items", token, "{\"name\": \"x\", \"quantity\": 2}")
                        .statusCode())
                .as("a valid body still works")
                .isBetween(200, 201);

        var invalid = post("/api/items", token, "{\"name\": \"\", \"quantity\": -1}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"errors\"").contains("\"name\"").contains("\"quantity\"");

        var unknown = get("/api/does-not-exist", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        var failure = get("/api/fail", token);
        assertThat(failure.statusCode()).isEqualTo(500);
        assertThat(failure.body())
                .contains("\"status\":500")
                .doesNotContain("database password")
                .doesNotContain("IllegalState");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpMethod.GET, path, token, null);
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send(HttpMethod.POST, path, token, json);
    }

    private HttpResponse<String> send(HttpMethod method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method.name(), HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    static class DemoService {

        @Bean
        ServiceAuthorizationRules demoRules() {
            return rules -> rules.requestMatchers("/api/public")
                    .permitAll()
                    .requestMatchers("/api/admin")
                    .hasAuthority("SCOPE_catalog:write")
                    .requestMatchers("/internal/ping")
                    .hasAuthority("SCOPE_ping:admin");
        }

        @RestController
        static class DemoController {

            record NewItem(
                    @NotBlank String name, @PositiveOrZero int quantity) {}

            @GetMapping("/api/me")
            String me(@AuthenticationPrincipal Jwt jwt) {
                return jwt.getSubject();
            }

            @GetMapping({"/api/admin", "/api/public", "/internal/ping", "/internal/unnamed"})
            String ok() {
                return "ok";
            }

            @PostMapping("/api/items")
            NewItem create(@Valid @RequestBody NewItem item) {
                return item;
            }

            @GetMapping("/api/fail")
            String fail() {
                throw new IllegalStateException("database password is hunter2");
            }
        }
    }
}
