package io.shopstack.platform.servlet;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.ProblemJson;
import io.shopstack.platform.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/**
 * 401/403 as problem details, keeping the RFC 6750 {@code WWW-Authenticate} header that the bearer-token handlers
 * set; also the writer for filters that answer before MVC. The detail never echoes token contents.
 */
public final class ServletProblemHandlers {

    static final String NO_TOKEN = "A bearer token is required.";
    static final String BAD_TOKEN = "The bearer token is invalid, expired, or not issued for this platform.";
    static final String NOT_ALLOWED = "The token lacks the scope or role this request needs.";

    private ServletProblemHandlers() {}

    static AuthenticationEntryPoint entryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            write(request, response, Problems.of(PlatformError.UNAUTHORIZED, detail(exception)));
        };
    }

    static AccessDeniedHandler accessDeniedHandler() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            write(request, response, Problems.of(PlatformError.FORBIDDEN, NOT_ALLOWED));
        };
    }

    static String detail(AuthenticationException exception) {
        return exception instanceof InsufficientAuthenticationException ? NO_TOKEN : BAD_TOKEN;
    }

    /** Writes the problem as the response (the request path as {@code instance}), unless it is committed. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        Object retryAfter =
                problem.getProperties() == null ? null : problem.getProperties().get(Problems.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = ProblemJson.bytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
