package io.shopstack.order.web;

import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Orders need a user token with the {@code orders} scope, here as at the gateway; placing one also reads the caller's
 * cart with the same token, which then needs the {@code cart} scope too (the storefront's tokens have both).
 */
@Configuration(proxyBeanMethods = false)
class OrderSecurity {

    @Bean
    ServiceAuthorizationRules orderRules() {
        return rules -> rules.requestMatchers("/api/v1/orders", "/api/v1/orders/**")
                .hasAuthority(PlatformAuthorities.ORDERS)
                // the API document is public, as product-service's (the gateway serves it at /openapi/order-service)
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
                .permitAll();
    }
}
