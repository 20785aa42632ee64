package io.shopstack.gateway.storefront;

import io.shopstack.gateway.GatewaySettings;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * On routes with metadata {@code forwarded-headers: true} (the issuer's pages), tells the service where the browser
 * really is: {@code X-Forwarded-Proto}/{@code -Host}/{@code -Port} from {@code shopstack.gateway.storefront.public-url}
 * (or, when unset, this request's own scheme and {@code Host}), so auth-server's redirects (to its login form, back to
 * the authorization request) stay on the entry URL; and {@code X-Forwarded-For} with the client's address as the
 * gateway determined it (trusted proxies), so auth-server's per-address login throttle counts the shopper, not the
 * gateway. Runs after Spring Cloud Gateway's own filter that strips every incoming {@code X-Forwarded-*} header, so a
 * client cannot choose these values.
 */
@Component
class IssuerForwardedHeaders implements HttpHeadersFilter, Ordered {

    static final String METADATA = "forwarded-headers";

    private final StorefrontSettings storefront;
    private final GatewaySettings gateway;

    IssuerForwardedHeaders(StorefrontSettings storefront, GatewaySettings gateway) {
        this.storefront = storefront;
        this.gateway = gateway;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !"true".equals(String.valueOf(route.getMetadata().get(METADATA)))) {
            return input;
        }
        URI publicUrl = storefront.publicUrl() == null || storefront.publicUrl().isBlank()
                ? exchange.getRequest().getURI()
                : URI.create(storefront.publicUrl());
        String scheme = publicUrl.getScheme();
        int port = publicUrl.getPort() != -1 ? publicUrl.getPort() : "https".equals(scheme) ? 443 : 80;
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set("X-Forwarded-Proto", scheme);
        headers.set(
                "X-Forwarded-Host", publicUrl.getPort() == -1 ? publicUrl.getHost() : publicUrl.getHost() + ":" + port);
        headers.set("X-Forwarded-Port", String.valueOf(port));
        String client = clientAddress(exchange);
        if (client != null) {
            headers.set("X-Forwarded-For", client);
        }
        return headers;
    }

    private String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        byte[] client = gateway.trustedProxyBlocks()
                .clientAddress(
                        peer.getAddress().getAddress(),
                        exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-For"));
        try {
            return InetAddress.getByAddress(client).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** After Spring Cloud Gateway's RemoveXForwardedHeadersFilter (order 0), which would drop these again. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
