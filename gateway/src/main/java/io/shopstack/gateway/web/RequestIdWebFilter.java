package io.shopstack.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: the caller's value when it is a sane token (letters, digits, {@code . _ : -}, at most 128
 * characters; anything else could forge log lines or headers), otherwise a new UUID. The id goes to the service in the
 * request and back to the caller in the response, also on responses the gateway answers itself (401, 404, 429, ...).
 * It runs first, before security.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

    /** Exchange attribute holding the path the client asked for (before any forward or rewrite). */
    public static final String ORIGINAL_PATH_ATTRIBUTE = RequestIdWebFilter.class.getName() + ".originalPath";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(HEADER, id))
                .build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, id);
        withId.getAttributes()
                .put(ORIGINAL_PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        // A proxied response may carry the service's own X-Request-Id; the gateway's value wins (it is the same one
        // unless the service made its own up).
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(withId);
    }
}
