package io.shopstack.gateway.storefront;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The browser's only credential: the session id, in a cookie scripts cannot read (HttpOnly), that other sites' forms
 * and scripts do not send (SameSite=Lax; top-level navigations such as the issuer's redirect back do carry it), and,
 * under prod, only over HTTPS (Secure). The session itself (tokens, security context, CSRF token) is in Redis.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

    static final String NAME = "SHOPSTACK_SESSION";

    @Bean
    WebSessionIdResolver webSessionIdResolver(StorefrontSettings settings) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(NAME);
        resolver.addCookieInitializer(
                cookie -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(settings.secureCookie()));
        return resolver;
    }
}
