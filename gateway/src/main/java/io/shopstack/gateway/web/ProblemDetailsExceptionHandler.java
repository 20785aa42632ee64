package io.shopstack.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Every error the gateway itself produces (no route: 404; no instance of a service: 503; a downstream that cannot be
 * reached or does not answer: 502/503/504; anything unexpected: 500) as {@code application/problem+json}, without
 * exception messages or stack traces. Runs before Boot's default handler. Responses of services pass through
 * untouched; they are not exceptions.
 */
public class ProblemDetailsExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);

    @Override
    public int getOrder() {
        return -3; // Boot's DefaultErrorWebExceptionHandler is -1, Spring's WebFlux handler -2.
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = statusOf(error);
        String path = exchange.getRequest().getPath().value();
        if (status.is5xxServerError()) {
            if (status.value() == 500) {
                log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), path, error);
            } else {
                log.warn("{} on {} {}: {}", status.value(), exchange.getRequest().getMethod(), path, describe(error));
            }
        } else {
            log.debug("{} on {} {}: {}", status.value(), exchange.getRequest().getMethod(), path, describe(error));
        }
        if (error instanceof ResponseStatusException statusException) {
            HttpHeaders headers = statusException.getHeaders();
            headers.forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
        }
        String detail = error instanceof ProblemException problem ? problem.detail() : Problems.defaultDetail(status);
        return Problems.write(exchange, status, detail);
    }

    static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof ResponseStatusException statusException) {
            return statusException.getStatusCode();
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

    static String describe(Throwable error) {
        StringBuilder description = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null) {
            description.append(": ").append(error.getMessage());
        }
        if (error.getCause() != null && error.getCause() != error) {
            description.append(" (caused by ").append(error.getCause().getClass().getSimpleName());
            if (error.getCause().getMessage() != null) {
                description.append(": ").append(error.getCause().getMessage());
            }
            description.append(')');
        }
        return description.toString();
    }
}
