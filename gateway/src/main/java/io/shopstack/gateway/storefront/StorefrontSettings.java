package io.shopstack.gateway.storefront;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The storefront's login: the gateway is the confidential OAuth2 client {@code clientId} of the issuer (backend for
 * frontend). URIs the browser follows ({@code authorizationUri}, {@code endSessionUri}) may be relative: then they
 * are this gateway's own routes to auth-server, so the browser stays on one origin and the login form passes the
 * gateway's rate limits. The token and key URIs are the gateway's own back channel to the issuer.
 *
 * @param clientId         the issuer's client id ({@code shopstack-web})
 * @param clientSecret     its secret (local: the development secret; prod: {@code SHOPSTACK_WEB_CLIENT_SECRET})
 * @param issuer           the {@code iss} of ID tokens
 * @param authorizationUri where the browser is sent to sign in
 * @param endSessionUri    OIDC RP-initiated logout: where the browser is sent to end the issuer's session too
 * @param tokenUri         the token endpoint (code exchange and refresh), called by the gateway
 * @param jwkSetUri        the issuer's keys, to verify ID tokens
 * @param secureCookie     whether the session cookie is marked Secure (HTTPS only): true under prod
 * @param publicUrl        the entry URL as browsers see it (e.g. {@code https://shop.example.com}), for the login's
 *                         redirect URI, the page after logout and the issuer's redirects; unset (local): taken from
 *                         each request
 */
@ConfigurationProperties("shopstack.gateway.storefront")
public record StorefrontSettings(
        @DefaultValue("shopstack-web") String clientId,
        String clientSecret,
        String issuer,
        @DefaultValue("/oauth2/authorize") String authorizationUri,
        @DefaultValue("/connect/logout") String endSessionUri,
        String tokenUri,
        String jwkSetUri,
        @DefaultValue("false") boolean secureCookie,
        String publicUrl) {

    /** The base of the URLs the browser is sent back to: the public URL, or Spring Security's request-based one. */
    String baseUrl() {
        return publicUrl == null || publicUrl.isBlank() ? "{baseUrl}" : publicUrl.replaceAll("/+$", "");
    }
}
