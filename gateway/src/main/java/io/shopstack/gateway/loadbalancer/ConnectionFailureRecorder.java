package io.shopstack.gateway.loadbalancer;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * Runs right after the load balancer chose an instance: a refused or unroutable connection, or a 503 answer (an
 * instance that is not ready, e.g. its database is unreachable), ejects that instance (see {@link FailedInstances}),
 * so later requests and retries go to the other instances while Eureka and the load balancer's cache catch up. The
 * multi-host drills showed why: a write routed to a not-ready instance fails, and without this the gateway kept
 * routing writes there for the ~15 s until the registry it fetched said DOWN (docs/multi-host-drills.md).
 */
public final class ConnectionFailureRecorder implements GlobalFilter, Ordered {

    private final FailedInstances failedInstances;

    public ConnectionFailureRecorder(FailedInstances failedInstances) {
        this.failedInstances = failedInstances;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    URI chosen = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
                    if (chosen != null
                            && chosen.getPort() > 0
                            && exchange.getResponse().getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
                        failedInstances.unavailable(chosen);
                    }
                })
                .doOnError(error -> {
                    URI chosen = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
                    if (chosen != null && chosen.getPort() > 0 && isConnectFailure(error)) {
                        failedInstances.connectionFailed(chosen);
                    }
                });
    }

    /**
     * Connection refused or connect timeout (Netty's exceptions extend {@link ConnectException}), or no route to the
     * instance's host (a host that is gone: its address no longer answers ARP), at any depth.
     */
    static boolean isConnectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
