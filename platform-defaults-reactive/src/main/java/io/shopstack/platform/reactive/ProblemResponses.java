package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.ProblemJson;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

/** Writes a {@link ProblemDetail} as a WebFlux response: status, {@code application/problem+json}, the body. */
public final class ProblemResponses {

    private ProblemResponses() {}

    /** Writes the problem (the request path as {@code instance}) unless the response is already committed. */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        return write(exchange.getResponse(), exchange.getRequest().getPath().value(), problem);
    }

    public static Mono<Void> write(ServerHttpResponse response, String path, ProblemDetail problem) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (!response.getHeaders().containsHeader("X-Content-Type-Options")) {
            response.getHeaders().set("X-Content-Type-Options", "nosniff");
        }
        byte[] body = bytes(problem, path);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The problem's JSON with {@code path} as its instance (for handlers that build their own response). */
    public static byte[] bytes(ProblemDetail problem, String path) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(path));
        }
        return ProblemJson.bytes(problem);
    }
}
