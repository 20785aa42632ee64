package io.shopstack.gateway.security;

import io.shopstack.gateway.GatewaySettings;
import io.shopstack.gateway.web.Problems;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * The gateway is an OAuth2 resource server in front of the services, with the platform's token rules (signature from
 * the issuer's JWK set, issuer, audience {@code shopstack}, expiry — all from
 * {@code spring.security.oauth2.resourceserver.jwt.*} in {@code config-repo/application.yml}) and this policy:
 * <ul>
 *   <li>the gateway's own actuator: health and info public, everything else scope {@code internal};</li>
 *   <li>catalog reads ({@code GET}/{@code HEAD} on {@code /api/products/**}, {@code /api/categories/**}): anonymous;
 *       catalog writes: scope {@code catalog:write};</li>
 *   <li>carts and wishlists: scope {@code cart};</li>
 *   <li>the issuer's own endpoints (login, OAuth2, OIDC discovery): passed through, auth-server authenticates;</li>
 *   <li>the aggregated API documentation (Swagger UI, the services' OpenAPI documents): public reads;</li>
 *   <li>everything else: a valid token.</li>
 * </ul>
 * The token is relayed unchanged ({@code Authorization} passes through) and the services validate it again. Stateless:
 * no session, no CSRF (bearer tokens only), no request cache. 401/403 are problem details. CORS for the storefront
 * origins in {@code shopstack.gateway.cors.*}, read per request so a config refresh changes it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    public static final String INTERNAL_SCOPE = "SCOPE_internal";

    static final String[] CATALOG = {"/api/products/**", "/api/categories/**"};
    static final String[] CARTS = {"/api/v1/cart/**", "/api/v1/wishlist/**"};
    static final String[] ISSUER = {"/oauth2/**", "/login", "/.well-known/**", "/userinfo", "/connect/**"};
    static final String[] API_DOCS = {"/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**", "/v3/api-docs/swagger-config",
            "/openapi/*"};

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, CorsConfigurationSource corsConfigurationSource) {
        http.authorizeExchange(exchanges -> exchanges
                .matchers(EndpointRequest.to("health", "info")).permitAll()
                .matchers(EndpointRequest.toAnyEndpoint()).hasAuthority(INTERNAL_SCOPE)
                .pathMatchers("/actuator/**").hasAuthority(INTERNAL_SCOPE)
                .pathMatchers(HttpMethod.GET, CATALOG).permitAll()
                .pathMatchers(HttpMethod.HEAD, CATALOG).permitAll()
                .pathMatchers(CATALOG).hasAuthority("SCOPE_catalog:write")
                .pathMatchers(CARTS).hasAuthority("SCOPE_cart")
                .pathMatchers(ISSUER).permitAll()
                .pathMatchers(HttpMethod.GET, API_DOCS).permitAll()
                .anyExchange().authenticated());
        http.oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(
                        new ReactiveJwtAuthenticationConverterAdapter(new PlatformJwtAuthenticationConverter())))
                .authenticationEntryPoint(ProblemDetailsSecurityHandlers.entryPoint())
                .accessDeniedHandler(ProblemDetailsSecurityHandlers.accessDeniedHandler()));
        http.exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(ProblemDetailsSecurityHandlers.entryPoint())
                .accessDeniedHandler(ProblemDetailsSecurityHandlers.accessDeniedHandler()));
        http.cors(cors -> cors.configurationSource(corsConfigurationSource));
        http.csrf(ServerHttpSecurity.CsrfSpec::disable);
        http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
        http.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
        http.logout(ServerHttpSecurity.LogoutSpec::disable);
        http.requestCache(cache -> cache.requestCache(org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()));
        http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        http.headers(headers -> headers
                .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(Customizer.withDefaults())
                .hsts(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * Requests the security firewall refuses (encoded or {@code ..} path segments, and the like: the usual tricks to
     * reach {@code /internal/**} or {@code /actuator/**} past a path rule) answer 400 problem+json.
     */
    @Bean
    ServerExchangeRejectedHandler problemDetailsExchangeRejectedHandler() {
        return (exchange, rejected) -> Problems.write(exchange, HttpStatus.BAD_REQUEST,
                "The request path is not acceptable (encoded or relative path segments).");
    }

    /** CORS for the storefront: origins and the rest from {@code shopstack.gateway.cors.*}, read per request. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySettings settings) {
        return exchange -> {
            GatewaySettings.Cors cors = settings.getCors();
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
