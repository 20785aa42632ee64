package io.shopstack.gateway.storefront;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Which requests the storefront's session chain handles; all others go to the platform's bearer-token chain.
 * A request with an {@code Authorization} header is never a browser session's (a bearer client is served exactly as
 * before, and a session cookie sent along is ignored). Without one: the storefront's pages, {@code /bff/**}, the
 * login and logout endpoints, and API calls that carry the session cookie (the storefront's own calls; an API call
 * without cookie or token stays the platform's, with its bearer-token answers). The assets need no session: the
 * platform chain serves them (public reads).
 */
final class BrowserRequests {

    static final String[] STOREFRONT = {
        "/",
        "/products/*",
        "/cart",
        "/wishlist",
        "/checkout",
        "/orders",
        "/orders/*",
        "/sign-in",
        "/bff/**",
        "/logout",
        "/oauth2/authorization/**",
        "/login/oauth2/code/**"
    };
    static final String[] API = {"/api/**"};

    private BrowserRequests() {}

    static ServerWebExchangeMatcher matcher() {
        ServerWebExchangeMatcher storefront = ServerWebExchangeMatchers.pathMatchers(STOREFRONT);
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers(API);
        return exchange -> {
            if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
            if (exchange.getRequest().getCookies().containsKey(SessionCookie.NAME)) {
                return ServerWebExchangeMatchers.matchers(storefront, api).matches(exchange);
            }
            return storefront.matches(exchange);
        };
    }
}
