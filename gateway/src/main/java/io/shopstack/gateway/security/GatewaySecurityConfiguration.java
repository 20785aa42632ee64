package io.shopstack.gateway.security;

import io.shopstack.gateway.GatewaySettings;
import io.shopstack.platform.reactive.ServiceExchangeRules;
import io.shopstack.platform.security.PlatformAuthorities;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * The gateway's own rules on top of the platform's reactive security chain (platform-defaults-reactive: token
 * validation, actuator policy, stateless, problem details for 401/403):
 * <ul>
 *   <li>catalog reads ({@code GET}/{@code HEAD} on {@code /api/products/**}, {@code /api/categories/**}): anonymous;
 *       catalog writes: scope {@code catalog:write};</li>
 *   <li>carts and wishlists: scope {@code cart};</li>
 *   <li>orders (checkout, history, cancel): scope {@code orders};</li>
 *   <li>the issuer's own endpoints (login, OAuth2, OIDC discovery): passed through, auth-server authenticates;</li>
 *   <li>the aggregated API documentation (Swagger UI, the services' OpenAPI documents) and the storefront's assets:
 *       public reads (the storefront's pages and login: io.shopstack.gateway.storefront).</li>
 * </ul>
 * The token is relayed unchanged ({@code Authorization} passes through) and the services validate it again. CORS for
 * the storefront origins in {@code shopstack.gateway.cors.*}, read per request so a config refresh changes it.
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    static final String[] CATALOG = {"/api/products/**", "/api/categories/**"};
    static final String[] CARTS = {"/api/v1/cart/**", "/api/v1/wishlist/**"};
    static final String[] ORDERS = {"/api/v1/orders/**"};
    static final String[] ISSUER = {"/oauth2/**", "/login", "/.well-known/**", "/userinfo", "/connect/**"};
    /** The storefront's script, stylesheet and icon: public, and never a session's business (no Redis read). */
    static final String[] STOREFRONT_ASSETS = {"/assets/**"};

    static final String[] API_DOCS = {
        "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**", "/v3/api-docs/swagger-config", "/openapi/*"
    };

    @Bean
    ServiceExchangeRules gatewayRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, CATALOG)
                .permitAll()
                .pathMatchers(HttpMethod.HEAD, CATALOG)
                .permitAll()
                .pathMatchers(CATALOG)
                .hasAuthority(PlatformAuthorities.CATALOG_WRITE)
                .pathMatchers(CARTS)
                .hasAuthority(PlatformAuthorities.CART)
                .pathMatchers(ORDERS)
                .hasAuthority(PlatformAuthorities.ORDERS)
                .pathMatchers(ISSUER)
                .permitAll()
                .pathMatchers(HttpMethod.GET, API_DOCS)
                .permitAll()
                .pathMatchers(HttpMethod.GET, STOREFRONT_ASSETS)
                .permitAll();
    }

    /**
     * The issuer's sign-in form posting back ({@code POST /login}) is a page navigation, not a script's call: CORS
     * does not apply. Browsers send {@code Origin: null} with it (the form page's referrer policy is no-referrer),
     * which CORS processing would refuse with a bare 403. auth-server's CSRF token protects the form.
     */
    static boolean isSignInForm(ServerHttpRequest request) {
        return HttpMethod.POST.equals(request.getMethod())
                && "/login".equals(request.getPath().pathWithinApplication().value());
    }

    /** CORS for the storefront: origins and the rest from {@code shopstack.gateway.cors.*}, read per request. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySettings settings) {
        return exchange -> {
            GatewaySettings.Cors cors = settings.getCors();
            if (isSignInForm(exchange.getRequest())) {
                return null;
            }
            if (cors.getAllowedOrigins().isEmpty()) {
                return null;
            }
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(cors.getAllowedOrigins());
            configuration.setAllowedMethods(cors.getAllowedMethods());
            configuration.setAllowedHeaders(cors.getAllowedHeaders());
            configuration.setExposedHeaders(cors.getExposedHeaders());
            configuration.setAllowCredentials(false); // bearer tokens, no cookies
            configuration.setMaxAge(cors.getMaxAge());
            return configuration;
        };
    }
}
