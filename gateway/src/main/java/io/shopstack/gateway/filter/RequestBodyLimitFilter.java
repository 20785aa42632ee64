package io.shopstack.gateway.filter;

import io.shopstack.gateway.GatewaySettings;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponseException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request bodies larger than {@code shopstack.gateway.max-request-body} (default 1MB) answer 413 problem+json: at once
 * when {@code Content-Length} says so (nothing reaches the service), and for a body without a length (chunked) as soon
 * as the bytes streamed through exceed it (the call to the service is aborted). Unlike the gateway's RequestSize filter,
 * which only checks {@code Content-Length}, a chunked upload cannot get around it.
 */
public class RequestBodyLimitFilter implements GlobalFilter, Ordered {

    static final String DETAIL = "The request body is larger than this gateway accepts.";

    private final GatewaySettings settings;

    public RequestBodyLimitFilter(GatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long max = settings.getMaxRequestBody().toBytes();
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.error(tooLarge(max));
        }
        if (declared >= 0 || !hasBody(request)) {
            return chain.filter(exchange);
        }
        ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(max));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    private static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The 413 answer for a body over {@code max} bytes. */
    public static ProblemResponseException tooLarge(long max) {
        // The rest of the body is not read: the connection cannot be reused (a client reusing it would hang).
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONNECTION, "close");
        return new ProblemResponseException(
                Problems.of(PlatformError.PAYLOAD_TOO_LARGE, DETAIL + " The limit is " + max + " bytes."), headers);
    }
}
