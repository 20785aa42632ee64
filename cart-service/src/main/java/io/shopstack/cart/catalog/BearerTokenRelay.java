package io.shopstack.cart.catalog;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Relays the caller's bearer token on every Feign call (to product-service): the catalog sees who asks, and no
 * signature down the call chain has to carry the token. Without an authenticated caller (e.g. a call made for an
 * event) the request goes without a token.
 */
@Component
class BearerTokenRelay implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof AbstractOAuth2TokenAuthenticationToken<?> token
                && !request.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken().getTokenValue());
        }
    }
}
