package io.shopstack.gateway.web;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemExceptionHandler;
import io.shopstack.platform.reactive.ProblemResponseException;
import io.shopstack.platform.reactive.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The circuit breakers' fallback ({@code fallbackUri: forward:/fallback/<service>}): 503 problem+json with
 * {@code Retry-After}, whether the service timed out, failed, or its circuit is open. The cause is logged (a fallback
 * must not hide why it was taken). {@code /fallback/**} is not reachable from outside: NotRoutedPathsWebFilter answers
 * 404 there; only the gateway's internal forward gets here.
 */
public class FallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(FallbackHandler.class);

    static final String RETRY_AFTER_SECONDS = "5";

    public Mono<ServerResponse> fallback(ServerRequest request) {
        String service = request.pathVariable("service");
        Throwable cause =
                request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String path = originalPath(request);
        if (cause instanceof ProblemResponseException problem
                && problem.getStatusCode().is4xxClientError()) {
            // The client's fault (e.g. a streamed body over the limit), not the service's: answer it as such.
            problem.getHeaders()
                    .forEach((name, values) ->
                            request.exchange().getResponse().getHeaders().put(name, values));
            return ServerResponse.status(problem.getStatusCode())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(ProblemResponses.bytes(problem.getBody(), path));
        }
        String detail;
        if (cause instanceof TimeoutException) {
            detail = "The service " + service + " did not answer in time; retry later.";
        } else if (cause != null && cause.getClass().getSimpleName().equals("CallNotPermittedException")) {
            detail = "The service " + service + " is failing and temporarily not called; retry later.";
        } else {
            detail = "The service " + service + " is temporarily unavailable; retry later.";
        }
        log.warn(
                "Fallback for {} on {} {}: {}",
                service,
                request.method(),
                path,
                cause == null ? "no cause recorded" : ProblemExceptionHandler.describe(cause));
        return ServerResponse.status(PlatformError.SERVICE_UNAVAILABLE.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .bodyValue(ProblemResponses.bytes(Problems.of(PlatformError.SERVICE_UNAVAILABLE, detail), path));
    }

    private static String originalPath(ServerRequest request) {
        String original = request.exchange().getAttribute(RequestIdWebFilter.ORIGINAL_PATH_ATTRIBUTE);
        if (original != null) {
            return original;
        }
        Set<URI> originals = request.exchange().getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            return originals.iterator().next().getPath();
        }
        return request.path();
    }
}
