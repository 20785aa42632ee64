package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.DomainException;
import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;
import io.shopstack.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A reactive service that only adds its rules gets the platform's security and problem details, as servlet ones do. */
@SpringBootTest(
        classes = ReactiveDefaultsTest.DemoService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class ReactiveDefaultsTest {

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

    // HTTP/1.1 and a bound per request: one CI run hung here for 11 minutes on the first request (no answer, nothing
    // blocked in the server's threads); a hang must fail the test, not the whole build's time limit.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidTokenReachesTheServiceAsItsSubject() throws Exception {
        var response = get("/api/me", tokens.valid("alice", "openid cart"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice");
    }

    @Test
    void missingAndBadTokensAre401ProblemsWithTheBearerChallenge() throws Exception {
        for (String token : List.of("", "not.a.jwt", tokens.signedWithAnotherKey("alice", "cart"))) {
            var response = get("/api/me", token);
            assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(header -> assertThat(header).startsWith("Bearer"));
        }
    }

    @Test
    void serviceRulesApplyAndAMissingScopeIs403() throws Exception {
        assertThat(get("/api/public", "").statusCode()).isEqualTo(200);
        assertProblem(get("/api/admin", tokens.valid("alice", "cart")), 403, "FORBIDDEN");
        assertThat(get("/api/admin", tokens.valid("admin", "catalog:write")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void actuatorIsPublicOnlyForHealthAndInfo() throws Exception {
        assertThat(get("/actuator/health", "").statusCode()).isEqualTo(200);
        assertProblem(get("/actuator/metrics", ""), 401, "UNAUTHORIZED");
        assertProblem(get("/actuator/metrics", tokens.valid("alice", "cart")), 403, "FORBIDDEN");
        assertThat(get("/actuator/metrics", tokens.valid("prometheus", "metrics:read"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void errorsAreProblemsWithCodesAndWithoutInternals() throws Exception {
        String token = tokens.valid("alice", "cart");
        assertProblem(get("/api/does-not-exist", token), 404, "NOT_FOUND");
        var domain = get("/api/sold-out", token);
        JsonNode body = assertProblem(domain, 422, "OUT_OF_STOCK");
        assertThat(body.get("productId").asLong()).isEqualTo(7);
        var failure = get("/api/fail", token);
        assertProblem(failure, 500, "INTERNAL_ERROR");
        assertThat(failure.body()).doesNotContain("hunter2").doesNotContain("IllegalState");
        assertProblem(get("/api/%2e%2e/actuator/env", token), 400, "BAD_REQUEST");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.propertyNames()).contains("type", "title", "status", "detail", "instance", "code");
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record DemoError(String name, Outcome outcome, String title) implements ErrorCode {
        static final DemoError OUT_OF_STOCK = new DemoError("OUT_OF_STOCK", Outcome.REJECTED, "Out of stock");
    }

    @SpringBootApplication
    static class DemoService {

        @Bean
        ServiceExchangeRules demoRules() {
            return exchanges -> exchanges
                    .pathMatchers("/api/public")
                    .permitAll()
                    .pathMatchers("/api/admin")
                    .hasAuthority("SCOPE_catalog:write");
        }

        @RestController
        static class DemoController {

            @GetMapping("/api/me")
            Mono<String> me(@AuthenticationPrincipal Jwt jwt) {
                return Mono.just(jwt.getSubject());
            }

            @GetMapping({"/api/admin", "/api/public"})
            Mono<String> ok() {
                return Mono.just("ok");
            }

            @GetMapping("/api/sold-out")
            Mono<String> soldOut() {
                return Mono.error(new DomainException(DemoError.OUT_OF_STOCK, "Product 7 is out of stock.")
                        .with("productId", 7L));
            }

            @GetMapping("/api/fail")
            Mono<String> fail() {
                return Mono.error(new IllegalStateException("database password is hunter2"));
            }
        }
    }
}
