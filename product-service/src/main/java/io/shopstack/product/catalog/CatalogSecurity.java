package io.shopstack.product.catalog;

import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.Locale;
import java.util.Set;

/**
 * Catalog reads and the API description are public; every catalog write needs the {@code catalog:write} scope, and so
 * does a list that includes inactive products (what the shop keeps but does not sell is the catalog team's view, not
 * the public's).
 */
@Configuration(proxyBeanMethods = false)
class CatalogSecurity {

    static final String WRITE_AUTHORITY = PlatformAuthorities.CATALOG_WRITE;

    /** The values Spring binds to {@code true} for a boolean parameter. */
    private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

    @Bean
    ServiceAuthorizationRules catalogRules() {
        return rules -> rules.requestMatchers(CatalogSecurity::listIncludingInactive)
                .hasAuthority(WRITE_AUTHORITY)
                .requestMatchers(
                        HttpMethod.GET, "/api/products", "/api/products/**", "/api/categories", "/api/categories/**")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/api/products/**", "/api/products", "/api/categories", "/api/categories/**")
                .hasAuthority(WRITE_AUTHORITY);
    }

    private static boolean listIncludingInactive(HttpServletRequest request) {
        String[] values = request.getParameterValues("includeInactive");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (TRUE.contains(value.trim().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
