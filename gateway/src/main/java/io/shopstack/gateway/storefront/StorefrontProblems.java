package io.shopstack.gateway.storefront;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponses;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/** The session chain's refusals of API calls, as problem details with sentences about a session, not a token. */
final class StorefrontProblems {

    static final String SIGN_IN = "Sign in to continue.";
    static final String NOT_ALLOWED = "Your account may not do this.";
    static final String CSRF = "This page's security token is missing or out of date. Reload the page and try again.";

    private StorefrontProblems() {}

    static ServerAuthenticationEntryPoint entryPoint() {
        return (exchange, exception) ->
                ProblemResponses.write(exchange, Problems.of(PlatformError.UNAUTHORIZED, SIGN_IN));
    }

    static ServerAccessDeniedHandler accessDenied() {
        return (exchange, denied) ->
                ProblemResponses.write(exchange, Problems.of(PlatformError.FORBIDDEN, NOT_ALLOWED));
    }

    static ServerAccessDeniedHandler csrfDenied() {
        return (exchange, denied) -> ProblemResponses.write(exchange, Problems.of(PlatformError.FORBIDDEN, CSRF));
    }
}
