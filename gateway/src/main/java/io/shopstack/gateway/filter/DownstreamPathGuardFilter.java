package io.shopstack.gateway.filter;

import io.shopstack.gateway.web.NotRoutedPathsWebFilter;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.reactive.ProblemResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Defence in depth for "never route {@code /internal/**} or a service's {@code /actuator/**}": checks the URL the
 * gateway is about to call, after every route filter (a future {@code RewritePath} or {@code StripPrefix} included),
 * and answers 404 instead of calling the service.
 */
public class DownstreamPathGuardFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DownstreamPathGuardFilter.class);

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1; // the URL is known, the service not called yet
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        String path = target == null ? exchange.getRequest().getPath().value() : target.getRawPath();
        if (path != null && (NotRoutedPathsWebFilter.isNotRouted(path) || isActuator(path))) {
            log.warn(
                    "Refused to route {} {} to {}: internal or actuator path",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    path);
            // A ProblemResponseException: the circuit breaker ignores it and its fallback answers it as the 404 it is.
            return Mono.error(new ProblemResponseException(Problems.of(PlatformError.NOT_FOUND, "No such resource.")));
        }
        return chain.filter(exchange);
    }

    private static boolean isActuator(String path) {
        return NotRoutedPathsWebFilter.normalisedStartsWith(path, "/actuator");
    }
}
