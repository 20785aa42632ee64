package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401/403 as problem details, keeping the RFC 6750 {@code WWW-Authenticate} header the bearer-token handlers set
 * (they complete the response themselves, so they run against a response whose completion is deferred to the body
 * write). The same sentences as the servlet services'. The detail never echoes token contents.
 */
final class ReactiveProblemHandlers {

    static final String NO_TOKEN = "A bearer token is required.";
    static final String BAD_TOKEN = "The bearer token is invalid, expired, or not issued for this platform.";
    static final String NOT_ALLOWED = "The token lacks the scope or role this request needs.";

    private ReactiveProblemHandlers() {}

    static ServerAuthenticationEntryPoint entryPoint() {
        BearerTokenServerAuthenticationEntryPoint bearer = new BearerTokenServerAuthenticationEntryPoint();
        return (exchange, exception) -> bearer.commence(headersOnly(exchange), exception)
                .then(Mono.defer(() ->
                        ProblemResponses.write(exchange, Problems.of(PlatformError.UNAUTHORIZED, detail(exception)))));
    }

    static ServerAccessDeniedHandler accessDeniedHandler() {
        BearerTokenServerAccessDeniedHandler bearer = new BearerTokenServerAccessDeniedHandler();
        return (exchange, denied) -> bearer.handle(headersOnly(exchange), denied)
                .then(Mono.defer(
                        () -> ProblemResponses.write(exchange, Problems.of(PlatformError.FORBIDDEN, NOT_ALLOWED))));
    }

    private static String detail(AuthenticationException exception) {
        return exception instanceof InsufficientAuthenticationException ? NO_TOKEN : BAD_TOKEN;
    }

    /** The exchange with a response that takes status and headers but ignores {@code setComplete()}. */
    private static ServerWebExchange headersOnly(ServerWebExchange exchange) {
        return exchange.mutate()
                .response(new ServerHttpResponseDecorator(exchange.getResponse()) {
                    @Override
                    public Mono<Void> setComplete() {
                        return Mono.empty();
                    }
                })
                .build();
    }
}
