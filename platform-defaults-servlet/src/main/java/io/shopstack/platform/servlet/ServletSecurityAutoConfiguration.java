package io.shopstack.platform.servlet;

import io.shopstack.platform.security.PlatformAuthorities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service is an OAuth2 resource server with the same policy:
 * <ul>
 *   <li>{@code /actuator/health/**}, {@code /actuator/info} and {@code /health} are public;</li>
 *   <li>other actuator endpoints: reads need scope {@code metrics:read}, writes {@code actuator:write};</li>
 *   <li>then the service's own {@link ServiceAuthorizationRules} (each {@code /internal/**} endpoint names its
 *       purpose scope there);</li>
 *   <li>any other {@code /internal/**} path is denied to every token;</li>
 *   <li>everything else needs a valid token: signature from the issuer's JWK set, issuer, audience, expiry
 *       (configured with {@code spring.security.oauth2.resourceserver.jwt.*}).</li>
 * </ul>
 * Stateless, no sessions, no CSRF (bearer tokens only); 401/403 are problem details.
 */
@AutoConfiguration(
        before = {
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(BearerTokenAuthenticationFilter.class)
@EnableWebSecurity
public class ServletSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http, ObjectProvider<ServiceAuthorizationRules> serviceRules) throws Exception {
        http.authorizeHttpRequests(rules -> {
            rules.requestMatchers(EndpointRequest.to("health", "info")).permitAll();
            rules.requestMatchers("/health", "/error").permitAll();
            rules.requestMatchers(HttpMethod.GET, "/actuator/**").hasAuthority(PlatformAuthorities.METRICS_READ);
            rules.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(PlatformAuthorities.ACTUATOR_WRITE);
            rules.requestMatchers("/actuator/**")
                    .hasAuthority(PlatformAuthorities.ACTUATOR_WRITE); // also the ones not exposed
            serviceRules.orderedStream().forEach(service -> service.configure(rules));
            // Least privilege: an internal endpoint no service rule names is open to no token.
            rules.requestMatchers("/internal/**").denyAll();
            rules.anyRequest().authenticated();
        });
        http.oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(PlatformAuthorities.jwtAuthenticationConverter()))
                .authenticationEntryPoint(ServletProblemHandlers.entryPoint())
                .accessDeniedHandler(ServletProblemHandlers.accessDeniedHandler()));
        http.exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(ServletProblemHandlers.entryPoint())
                .accessDeniedHandler(ServletProblemHandlers.accessDeniedHandler()));
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        http.headers(Customizer.withDefaults());
        return http.build();
    }
}
