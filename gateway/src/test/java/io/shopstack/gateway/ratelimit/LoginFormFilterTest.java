package io.shopstack.gateway.ratelimit;

import io.shopstack.platform.reactive.ProblemResponseException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The login form's username for the per-username bucket; the form itself passes on unchanged. */
@Tag("unit")
class LoginFormFilterTest {

    private final LoginFormFilter filter = new LoginFormFilter();

    @Test
    void usernamesAreTrimmedLowerCasedAndBounded() {
        assertThat(LoginFormFilter.normalise("  Alice ")).isEqualTo("alice");
        assertThat(LoginFormFilter.normalise("ALICE")).isEqualTo("alice");
        assertThat(LoginFormFilter.normalise("x".repeat(500))).hasSize(LoginFormFilter.MAX_USERNAME_LENGTH);
        assertThat(LoginFormFilter.normalised(List.of("Alice", " alice", "", "  ", "bob", "carol", "dave")))
                .containsExactly("alice", "bob", "carol");
    }

    @Test
    void formValuesAreDecodedAndAMalformedPairIsSkippedOnly() {
        byte[] form = "password=p%26ss&user%6Eame=J%C3%BCrgen+K&x=%ZZ&username=second&usernames=no"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(LoginFormFilter.formValues(form, StandardCharsets.UTF_8, "username"))
                .containsExactly("Jürgen K", "second");
        assertThat(LoginFormFilter.formValues(
                        "username=%ZZ&username=alice".getBytes(StandardCharsets.US_ASCII),
                        StandardCharsets.UTF_8,
                        "username"))
                .containsExactly("alice");
    }

    @Test
    void theFormReachesTheRouteByteForByteAndItsUsernamesAreFound() {
        String form = "username=+Alice+&password=s3cr%C3%A9t&_csrf=abc";
        var exchange = login("/login?username=ALICE&username=Mallory", MediaType.APPLICATION_FORM_URLENCODED, form);
        var forwarded = new AtomicReference<String>();

        filter.filter(exchange, passedOn(forwarded)).block();

        assertThat(forwarded.get()).isEqualTo(form);
        assertThat(exchange.<List<String>>getAttribute(LoginFormFilter.USERNAMES))
                .containsExactly("alice", "mallory");
    }

    @Test
    void aChunkedFormIsReplayedToo() {
        var request = MockServerHttpRequest.post("/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Transfer-Encoding", "chunked")
                .body(Flux.just("username=bo", "b&password=x")
                        .map(part ->
                                DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8))));
        var exchange = MockServerWebExchange.from(request);
        var forwarded = new AtomicReference<String>();

        filter.filter(exchange, passedOn(forwarded)).block();

        assertThat(forwarded.get()).isEqualTo("username=bob&password=x");
        assertThat(exchange.<List<String>>getAttribute(LoginFormFilter.USERNAMES))
                .containsExactly("bob");
    }

    @Test
    void aLoginBodyThatIsNotAFormOrTooLargeIsRefused() {
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n--b--\r\n";
        assertThatThrownBy(() -> filter.filter(
                                login("/login", MediaType.parseMediaType("multipart/form-data; boundary=b"), multipart),
                                passedOn(new AtomicReference<>()))
                        .block())
                .isInstanceOfSatisfying(
                        ProblemResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(415));

        String large = "username=alice&padding=" + "x".repeat(LoginFormFilter.MAX_FORM_BYTES);
        assertThatThrownBy(() -> filter.filter(
                                login("/login", MediaType.APPLICATION_FORM_URLENCODED, large),
                                passedOn(new AtomicReference<>()))
                        .block())
                .isInstanceOfSatisfying(
                        ProblemResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
    }

    @Test
    void otherRequestsAreLeftAlone() {
        var other = login("/oauth2/token", MediaType.APPLICATION_FORM_URLENCODED, "username=alice");
        var forwarded = new AtomicReference<String>();

        filter.filter(other, passedOn(forwarded)).block();

        assertThat(forwarded.get()).isEqualTo("username=alice");
        assertThat(other.getAttributes()).doesNotContainKey(LoginFormFilter.USERNAMES);
    }

    private static MockServerWebExchange login(String uri, MediaType type, String body) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.post(uri).contentType(type).body(body));
    }

    /** The rest of the chain: reads the body as the route to auth-server would. */
    private static GatewayFilterChain passedOn(AtomicReference<String> body) {
        return (ServerWebExchange exchange) -> DataBufferUtils.join(
                        exchange.getRequest().getBody())
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .defaultIfEmpty("")
                .doOnNext(body::set)
                .then(Mono.empty());
    }
}
