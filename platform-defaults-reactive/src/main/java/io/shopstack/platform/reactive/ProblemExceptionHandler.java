package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.DomainException;
import io.shopstack.platform.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Every error a reactive service produces itself (no route: 404; no instance of a service: 503; a downstream that
 * cannot be reached or does not answer: 502/503/504; a {@link DomainException}; anything unexpected: 500) as
 * {@code application/problem+json} with the platform's code, without exception messages or stack traces. Runs before
 * Boot's default handler. Responses proxied from services are not exceptions and pass through untouched.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public int getOrder() {
        return -3; // Boot's DefaultErrorWebExceptionHandler is -1, Spring's WebFlux handler -2.
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = problemOf(error);
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        String path = exchange.getRequest().getPath().value();
        if (status.value() == 500) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), path, error);
        } else if (status.is5xxServerError()) {
            log.warn("{} on {} {}: {}", status.value(), exchange.getRequest().getMethod(), path, describe(error));
        } else {
            log.debug("{} on {} {}: {}", status.value(), exchange.getRequest().getMethod(), path, describe(error));
        }
        if (error instanceof ErrorResponse response) {
            response.getHeaders()
                    .forEach((name, values) ->
                            exchange.getResponse().getHeaders().put(name, values));
        }
        if (error instanceof DomainException domain) {
            domain.retryAfterDelay()
                    .ifPresent(delay -> exchange.getResponse()
                            .getHeaders()
                            .set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(delay))));
        }
        return ProblemResponses.write(exchange, problem);
    }

    /** The problem for an error: its own (a {@link ProblemResponseException}, a domain error) or its status's. */
    public static ProblemDetail problemOf(Throwable error) {
        if (error instanceof ProblemResponseException answered) {
            return answered.getBody();
        }
        if (error instanceof DomainException domain) {
            return Problems.of(domain);
        }
        // Framework exceptions' own details may carry internals (class names, causes): only their status is used.
        return Problems.forStatus(statusOf(error), null);
    }

    static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof ErrorResponse response) {
            return response.getStatusCode();
        }
        if (error instanceof TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        if (error instanceof ConnectException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (error instanceof IOException) {
            return HttpStatus.BAD_GATEWAY;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** The error and its cause, class and message, for a log line (never for a client). */
    public static String describe(Throwable error) {
        StringBuilder description = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null) {
            description.append(": ").append(error.getMessage());
        }
        if (error.getCause() != null && error.getCause() != error) {
            description
                    .append(" (caused by ")
                    .append(error.getCause().getClass().getSimpleName());
            if (error.getCause().getMessage() != null) {
                description.append(": ").append(error.getCause().getMessage());
            }
            description.append(')');
        }
        return description.toString();
    }
}
