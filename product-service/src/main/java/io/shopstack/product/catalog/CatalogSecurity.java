package io.shopstack.product.catalog;

import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Catalog reads and the API description are public; every catalog write needs the {@code catalog:write} scope. */
@Configuration(proxyBeanMethods = false)
class CatalogSecurity {

    static final String WRITE_AUTHORITY = PlatformAuthorities.CATALOG_WRITE;

    @Bean
    ServiceAuthorizationRules catalogRules() {
        return rules -> rules.requestMatchers(
                        HttpMethod.GET, "/api/products", "/api/products/**", "/api/categories", "/api/categories/**")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/api/products/**", "/api/products", "/api/categories", "/api/categories/**")
                .hasAuthority(WRITE_AUTHORITY);
    }
}
