package io.shopstack.gateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 {@code application/problem+json} bodies, the same shape the services answer with: type, title, status,
 * detail, instance. The detail is always a fixed sentence chosen by the gateway, never an exception message or token
 * content; the instance is the request path.
 */
public final class Problems {

    private Problems() {
    }

    /** Writes a problem as the response (status, content type, body) unless the response is already committed. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange.getResponse(), exchange.getRequest().getPath().value(), status, detail);
    }

    public static Mono<Void> write(ServerHttpResponse response, String path, HttpStatusCode status, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (!response.getHeaders().containsHeader("X-Content-Type-Options")) {
            response.getHeaders().set("X-Content-Type-Options", "nosniff");
        }
        byte[] body = json(status, detail, path);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static byte[] json(HttpStatusCode status, String detail, String path) {
        return """
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(escape(title(status)), status.value(), escape(detail), escape(path))
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
    }

    /** A default sentence per status, for errors whose producer gave none. */
    public static String defaultDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 401 -> "A bearer token is required.";
            case 403 -> "The token lacks the scope or role this request needs.";
            case 404 -> "No such resource.";
            case 405 -> "The method is not allowed for this resource.";
            case 413 -> "The request body is larger than this gateway accepts.";
            case 415 -> "The content type is not supported.";
            case 429 -> "Too many requests; retry after the time given in Retry-After.";
            case 502 -> "The service behind the gateway answered with an invalid response.";
            case 503 -> "The service is temporarily unavailable; retry later.";
            case 504 -> "The service did not answer in time.";
            default -> status.is5xxServerError() ? "An unexpected error occurred; it has been logged." : title(status) + ".";
        };
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
