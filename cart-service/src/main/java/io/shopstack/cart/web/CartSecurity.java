package io.shopstack.cart.web;

import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Carts and wishlists need a user token with the {@code cart} scope, here as at the gateway: a request that reaches
 * the service directly (inside the network) is held to the same rule, and a service's client-credentials token
 * is no shopper. Each internal endpoint demands its purpose scope (least privilege: a monitor's token reads health,
 * it never creates a promo code or posts a catalog event); the matrix of clients and scopes is in the README.
 */
@Configuration(proxyBeanMethods = false)
class CartSecurity {

    static final String CART_AUTHORITY = PlatformAuthorities.CART;

    @Bean
    ServiceAuthorizationRules cartRules() {
        return rules -> rules.requestMatchers(
                        "/api/v1/cart", "/api/v1/cart/**", "/api/v1/wishlist", "/api/v1/wishlist/**")
                .hasAuthority(CART_AUTHORITY)
                .requestMatchers(HttpMethod.GET, "/internal/health")
                .hasAuthority(PlatformAuthorities.METRICS_READ)
                .requestMatchers("/internal/events")
                .hasAuthority(PlatformAuthorities.CATALOG_EVENTS)
                .requestMatchers("/internal/promo-codes", "/internal/promo-codes/**")
                .hasAuthority(PlatformAuthorities.PROMO_ADMIN);
        // /internal/dead-letters (dlq:admin): platform-dead-letters' own rule
    }
}
