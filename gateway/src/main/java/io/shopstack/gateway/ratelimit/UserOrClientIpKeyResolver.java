package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.GatewaySettings;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * The rate-limit key: {@code user:<sub>} for a request with a valid token, otherwise {@code ip:<client address>}. The
 * client address is the TCP peer, or, with {@code shopstack.gateway.trusted-proxies=N}, the address N hops back in
 * {@code X-Forwarded-For} (only addresses appended by trusted proxies count, so a client cannot choose its own key).
 */
public class UserOrClientIpKeyResolver implements KeyResolver {

    private final GatewaySettings settings;

    public UserOrClientIpKeyResolver(GatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(principal -> principal instanceof JwtAuthenticationToken token && token.isAuthenticated())
                .map(principal -> "user:" + ((Authentication) principal).getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientIp(exchange)));
    }

    String clientIp(ServerWebExchange exchange) {
        int trusted = settings.getTrustedProxies();
        InetSocketAddress address = trusted > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(trusted).resolve(exchange)
                : exchange.getRequest().getRemoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
