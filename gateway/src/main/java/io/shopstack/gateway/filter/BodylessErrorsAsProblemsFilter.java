package io.shopstack.gateway.filter;

import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponses;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Gateway filters that reject a request by setting a status and completing the response (RequestRateLimiter: 429,
 * RequestSize: 413, ...) leave an empty body. This filter wraps the response so that completing it with an error
 * status and no body writes a problem+json body instead. Responses proxied from a service always have their body
 * written, so they pass through unchanged. A numeric {@code Retry-After} (the rate limiter's 429) is repeated in the body
 * as {@code retryAfterSeconds}, like every problem with a retry delay.
 */
public class BodylessErrorsAsProblemsFilter implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        return chain.filter(exchange.mutate()
                .response(new ProblemOnEmptyError(exchange.getResponse(), path))
                .build());
    }

    static final class ProblemOnEmptyError extends ServerHttpResponseDecorator {

        private final String path;
        private volatile boolean bodyWritten;

        ProblemOnEmptyError(ServerHttpResponse delegate, String path) {
            super(delegate);
            this.path = path;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            bodyWritten = true;
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            bodyWritten = true;
            return super.writeAndFlushWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            HttpStatusCode status = getStatusCode();
            if (!bodyWritten && status != null && status.isError() && !isCommitted()) {
                bodyWritten = true;
                HttpHeaders headers = getHeaders();
                // RequestSize explains itself in a non-standard "errorMessage" header; the problem body replaces it.
                headers.remove("errorMessage");
                ProblemDetail problem = Problems.forStatus(status, null);
                retryAfterSeconds(headers.getFirst(HttpHeaders.RETRY_AFTER))
                        .ifPresent(seconds -> problem.setProperty(Problems.RETRY_AFTER_SECONDS, seconds));
                return ProblemResponses.write(getDelegate(), path, problem);
            }
            return super.setComplete();
        }

        /** A {@code Retry-After} in seconds (the rate limiter's 429) is repeated in the body, as other problems do. */
        static Optional<Long> retryAfterSeconds(String retryAfter) {
            if (retryAfter == null || retryAfter.isEmpty() || retryAfter.length() > 10) {
                return Optional.empty();
            }
            for (int i = 0; i < retryAfter.length(); i++) {
                if (retryAfter.charAt(i) < '0' || retryAfter.charAt(i) > '9') {
                    return Optional.empty(); // an HTTP date: no number of seconds to repeat
                }
            }
            return Optional.of(Long.parseLong(retryAfter));
        }
    }
}
