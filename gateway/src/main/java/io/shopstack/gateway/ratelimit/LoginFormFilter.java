package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.filter.RequestBodyLimitFilter;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponseException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the username of a password login ({@code POST /login}, auth-server's form login) so that the rate limiter can
 * keep a bucket per username besides the one per client IP: password guessing against one account from many addresses
 * hits the account's bucket. The form is read into memory (at most {@value #MAX_FORM_BYTES} bytes, more: 413) and
 * replayed unchanged to auth-server; the usernames found are left in the exchange attribute {@link #USERNAMES}.
 * <p>
 * Every place the servlet container behind takes a {@code username} from counts: the query string and an
 * {@code application/x-www-form-urlencoded} body. A login body of any other type (multipart, which the container would
 * also parse into parameters) is refused with 415, so no form escapes the per-username bucket. Runs right after the
 * body limit ({@link RequestBodyLimitFilter}), before the route filters (the rate limiter among them).
 */
public class LoginFormFilter implements GlobalFilter, Ordered {

    /** Normalised usernames of a login ({@code List<String>}, query string first, as the container orders them). */
    public static final String USERNAMES = LoginFormFilter.class.getName() + ".usernames";

    static final String LOGIN_PATH = "/login";
    static final String USERNAME_PARAMETER = "username";
    /** A login form is a few hundred bytes; a larger one is no form a browser sends. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** Usernames longer than this share the bucket of their first {@value} characters. */
    static final int MAX_USERNAME_LENGTH = 128;
    /** The container uses the first one; a few more are charged too, so that no ordering subtlety escapes the bucket. */
    static final int MAX_USERNAMES = 3;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.POST.equals(request.getMethod())
                || !LOGIN_PATH.equals(request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        List<String> fromQuery = request.getQueryParams().getOrDefault(USERNAME_PARAMETER, List.of());
        MediaType type = request.getHeaders().getContentType();
        if (request.getHeaders().getContentLength() > MAX_FORM_BYTES) {
            return Mono.error(RequestBodyLimitFilter.tooLarge(MAX_FORM_BYTES));
        }
        // Read whatever the headers say (HTTP/2 need not announce a body): at most MAX_FORM_BYTES.
        return DataBufferUtils.join(request.getBody(), MAX_FORM_BYTES)
                .map(LoginFormFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> RequestBodyLimitFilter.tooLarge(MAX_FORM_BYTES))
                .flatMap(body -> {
                    boolean form = type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type);
                    if (body.length > 0 && !form) {
                        return Mono.error(new ProblemResponseException(Problems.of(
                                PlatformError.UNSUPPORTED_MEDIA_TYPE,
                                "A login is a form: the body must be application/x-www-form-urlencoded.")));
                    }
                    List<String> usernames = new ArrayList<>(fromQuery);
                    if (form) {
                        usernames.addAll(formValues(body, charset(type), USERNAME_PARAMETER));
                    }
                    exchange.getAttributes().put(USERNAMES, normalised(usernames));
                    return chain.filter(
                            exchange.mutate().request(replaying(exchange, body)).build());
                });
    }

    /**
     * A username as one bucket: trimmed, lower case, at most {@value #MAX_USERNAME_LENGTH} characters (so that
     * {@code " Alice"} and {@code "ALICE"} cannot be used to get more guesses at one account).
     */
    static String normalise(String username) {
        String normalised = username.trim().toLowerCase(Locale.ROOT);
        return normalised.length() > MAX_USERNAME_LENGTH ? normalised.substring(0, MAX_USERNAME_LENGTH) : normalised;
    }

    /** Distinct, non-empty, normalised; at most {@value #MAX_USERNAMES}. */
    static List<String> normalised(List<String> usernames) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String username : usernames) {
            String normalised = normalise(username);
            if (!normalised.isEmpty() && distinct.size() < MAX_USERNAMES) {
                distinct.add(normalised);
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * The values of one parameter of a URL-encoded form. A pair that does not decode is skipped (not the whole form),
     * like the servlet container skips it.
     */
    static List<String> formValues(byte[] body, Charset charset, String name) {
        List<String> values = new ArrayList<>();
        if (body.length == 0) {
            return values;
        }
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                if (name.equals(decode(rawName, charset))) {
                    values.add(decode(rawValue, charset));
                }
            } catch (IllegalArgumentException malformed) {
                // skipped, as the container skips it
            }
        }
        return values;
    }

    /** Percent-decodes a part of the form whose bytes were read as ISO-8859-1 (one char per byte) in the form's charset. */
    private static String decode(String raw, Charset charset) {
        String bytesAsText = new String(raw.getBytes(StandardCharsets.ISO_8859_1), charset);
        return URLDecoder.decode(bytesAsText, charset);
    }

    private static Charset charset(MediaType type) {
        try {
            Charset charset = type.getCharset();
            return charset == null ? StandardCharsets.UTF_8 : charset;
        } catch (IllegalArgumentException unsupported) {
            return StandardCharsets.UTF_8;
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The request with its body, already read, sent on byte for byte. */
    private static ServerHttpRequest replaying(ServerWebExchange exchange, byte[] body) {
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                if (body.length == 0) {
                    return Flux.empty();
                }
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }
}
