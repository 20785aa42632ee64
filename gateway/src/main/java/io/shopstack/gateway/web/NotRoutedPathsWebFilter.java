package io.shopstack.gateway.web;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;

/**
 * Paths that exist on the services but must never be reachable through the gateway answer 404 before anything else
 * (before security, so the answer is the same with or without a token): {@code /internal/**} (service-to-service
 * endpoints) and {@code /fallback/**} (the gateway's own circuit-breaker fallbacks, reached only by an internal
 * forward). Services' {@code /actuator/**} is simply never routed; {@code /actuator} at the gateway is the gateway's own
 * actuator. Matching is on the decoded, normalised path, case-insensitive, so {@code /Internal/x} or
 * {@code /a/../internal/x} do not slip through.
 */
public class NotRoutedPathsWebFilter implements WebFilter, Ordered {

    static final List<String> PREFIXES = List.of("/internal", "/fallback");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isNotRouted(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return ProblemResponses.write(exchange, Problems.of(PlatformError.NOT_FOUND, "No such resource."));
        }
        return chain.filter(exchange);
    }

    public static boolean isNotRouted(String rawPath) {
        return PREFIXES.stream().anyMatch(prefix -> normalisedStartsWith(rawPath, prefix));
    }

    /** Whether the normalised path is {@code prefix} or below it. */
    public static boolean normalisedStartsWith(String rawPath, String prefix) {
        String path = normalise(rawPath);
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Decodes %-escapes, collapses duplicate slashes, resolves "." and ".." segments, lower-cases. */
    static String normalise(String rawPath) {
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = rawPath;
        }
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : decoded.replace('\\', '/').split("/")) {
            String plain = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (plain.isEmpty() || plain.equals(".")) {
                continue;
            }
            if (plain.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(plain);
            }
        }
        return ("/" + String.join("/", segments)).toLowerCase(Locale.ROOT);
    }
}
