package io.shopstack.cart.web;

import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Carts and wishlists need a user token with the {@code cart} scope, here as at the gateway: a request that reaches
 * the service directly (inside the network) is held to the same rule, and a service's client-credentials token
 * (scope {@code internal}) is no shopper.
 */
@Configuration(proxyBeanMethods = false)
class CartSecurity {

    static final String CART_AUTHORITY = PlatformAuthorities.CART;

    @Bean
    ServiceAuthorizationRules cartRules() {
        return rules -> rules.requestMatchers(
                        "/api/v1/cart", "/api/v1/cart/**", "/api/v1/wishlist", "/api/v1/wishlist/**")
                .hasAuthority(CART_AUTHORITY);
    }
}
