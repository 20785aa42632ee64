package io.shopstack.platform.problem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ProblemsTest {

    /** A service's code (services declare theirs as enums; a record satisfies the interface as well). */
    record ShopError(String name, Outcome outcome, String title) implements ErrorCode {
        static final ShopError OUT_OF_STOCK = new ShopError("OUT_OF_STOCK", Outcome.REJECTED, "Out of stock");
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDomainErrorBecomesAProblemWithItsCodeTypeStatusAndMembers() {
        DomainException error =
                new DomainException(ShopError.OUT_OF_STOCK, "Product 7 is out of stock.").with("productId", 7L);
        ProblemDetail problem = Problems.of(error);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType()).isEqualTo(URI.create("https://shopstack.io/problems/out-of-stock"));
        assertThat(problem.getTitle()).isEqualTo("Out of stock");
        assertThat(problem.getDetail()).isEqualTo("Product 7 is out of stock.");
        assertThat(problem.getProperties())
                .containsEntry("code", "OUT_OF_STOCK")
                .containsEntry("productId", 7L);
    }

    @Test
    void everyOutcomeHasAStatus() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(Problems.status(outcome).isError()).as(outcome.name()).isTrue();
        }
        assertThat(Problems.status(Outcome.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(Problems.status(Outcome.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRetryDelayIsRoundedUpToWholeSeconds() {
        DomainException error = new DomainException(ShopError.OUT_OF_STOCK, "x", Duration.ofMillis(1200), null);
        assertThat(Problems.of(error).getProperties()).containsEntry("retryAfterSeconds", 2L);
        assertThat(Problems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(5))).isEqualTo(5);
    }

    @Test
    void aBareStatusGetsItsGeneralCodeAndASentence() {
        ProblemDetail notFound = Problems.forStatus(HttpStatus.NOT_FOUND, null);
        assertThat(notFound.getProperties()).containsEntry("code", "NOT_FOUND");
        assertThat(notFound.getDetail()).isEqualTo("No such resource.");
        ProblemDetail teapot = Problems.forStatus(HttpStatus.I_AM_A_TEAPOT, null);
        assertThat(teapot.getProperties()).containsEntry("code", "HTTP_418");
        assertThat(Problems.forStatus(HttpStatus.BAD_GATEWAY, "Upstream said no.")
                        .getDetail())
                .isEqualTo("Upstream said no.");
    }

    @Test
    void springsOwnProblemsGetThePlatformCodeButKeepTheirs() {
        ProblemDetail spring =
                ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "Method 'PUT' is not supported.");
        Problems.withPlatformCode(spring);
        assertThat(spring.getProperties()).containsEntry("code", "METHOD_NOT_ALLOWED");
        assertThat(spring.getType()).isEqualTo(URI.create("https://shopstack.io/problems/method-not-allowed"));
        ProblemDetail own = Problems.of(HttpStatus.CONFLICT, "NAME_TAKEN", "Conflict", "Taken.");
        Problems.withPlatformCode(own);
        assertThat(own.getProperties()).containsEntry("code", "NAME_TAKEN");
    }

    @Test
    void theJsonHasTheStandardMembersInOrderThenTheExtensionsFlat() {
        ProblemDetail problem = Problems.of(PlatformError.RATE_LIMITED, "Slow down \"now\"\n.");
        problem.setInstance(URI.create("/api/v1/cart"));
        problem.setProperty("retryAfterSeconds", 3);
        JsonNode body = json.readTree(ProblemJson.bytes(problem));
        assertThat(body.propertyNames())
                .containsExactly("type", "title", "status", "detail", "instance", "code", "retryAfterSeconds");
        assertThat(body.get("detail").asString()).isEqualTo("Slow down \"now\"\n.");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void codesAreUniqueAndUpperSnakeCase() {
        List<String> codes =
                java.util.Arrays.stream(PlatformError.values()).map(Enum::name).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Z][A-Z0-9_]*"));
    }
}
