package io.shopstack.auth;

import io.shopstack.auth.login.LoginConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.Map;
import java.util.Set;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthorizationServerConfig {

    /** The protocol endpoints (/oauth2/*, /.well-known/*, /userinfo, /connect/*). */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, AuthProperties properties) {
        RoleRestrictedScopes restrictedScopes = new RoleRestrictedScopes(properties.restrictedScopes());
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                    server.authorizationEndpoint(endpoint -> endpoint.authorizationRequestConverters(
                            converters -> converters.replaceAll(restrictedScopes::filtering)));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())) // /userinfo
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browser));
        return http.build();
    }

    /**
     * /actuator/prometheus: the metrics of the issuer itself, for a bearer token of this issuer with scope
     * {@code metrics:read} (client "prometheus"), as on every other service. Stateless: a scrape never gets a session,
     * and a login session never reads metrics.
     */
    @Bean
    @Order(2)
    SecurityFilterChain metricsSecurityFilterChain(HttpSecurity http) {
        http.securityMatcher(EndpointRequest.to("prometheus"))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_metrics:read"))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Everything else: the login form (CSRF on; our page, throttled authentication) and actuator (health and info
     * public).
     */
    @Bean
    @Order(3)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, LoginConfig.LoginAuthentication login) {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health", "info"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationManager(login.manager())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), EndpointRequest.toAnyEndpoint()));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        if (properties.issuer() == null || properties.issuer().isBlank()) {
            throw new IllegalStateException("shopstack.auth.issuer is not set (the URL in every token's iss)");
        }
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(AuthProperties properties) {
        return new TokenClaims(properties.audience());
    }

    /**
     * bcrypt only (with its {@code {bcrypt}} prefix): a {@code {noop}} or other hash written into the user or client
     * table never matches.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder()));
    }
}
