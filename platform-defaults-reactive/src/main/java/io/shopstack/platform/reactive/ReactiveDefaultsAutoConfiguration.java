package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.security.PlatformAuthorities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Every reactive service (the gateway) is an OAuth2 resource server with the platform's policy, as the servlet
 * services are (platform-defaults-servlet):
 * <ul>
 *   <li>{@code /actuator/health/**} and {@code /actuator/info} are public; other actuator reads need scope
 *       {@code metrics:read}, actuator writes {@code actuator:write};</li>
 *   <li>then the service's own {@link ServiceExchangeRules};</li>
 *   <li>everything else needs a valid token (signature from the issuer's JWK set, issuer, audience, expiry).</li>
 * </ul>
 * Stateless: no session, no CSRF (bearer tokens only), no request cache, no basic/form login. 401/403, requests the
 * firewall refuses and every unhandled error are problem details. CORS from a {@code CorsConfigurationSource} bean,
 * when the service defines one.
 */
@AutoConfiguration(
        before = {
            ReactiveWebSecurityAutoConfiguration.class,
            ReactiveManagementWebSecurityAutoConfiguration.class,
            ReactiveOAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerBearerTokenAuthenticationConverter.class)
@EnableWebFluxSecurity
public class ReactiveDefaultsAutoConfiguration {

    /**
     * The catch-all chain, last in order: a service may put chains for other kinds of requests in front of it (with a
     * security matcher and a higher precedence, e.g. the gateway's storefront session chain); one that wants to
     * replace it declares a bean of this name.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "platformSecurityWebFilterChain")
    SecurityWebFilterChain platformSecurityWebFilterChain(
            ServerHttpSecurity http, ObjectProvider<ServiceExchangeRules> serviceRules) {
        http.authorizeExchange(exchanges -> {
            exchanges
                    .matchers(EndpointRequest.to("health", "info"))
                    .permitAll()
                    .pathMatchers(HttpMethod.GET, "/actuator/**")
                    .hasAuthority(PlatformAuthorities.METRICS_READ)
                    .matchers(EndpointRequest.toAnyEndpoint())
                    .hasAuthority(PlatformAuthorities.ACTUATOR_WRITE)
                    .pathMatchers("/actuator/**")
                    .hasAuthority(PlatformAuthorities.ACTUATOR_WRITE);
            serviceRules.orderedStream().forEach(service -> service.configure(exchanges));
            exchanges.anyExchange().authenticated();
        });
        http.oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
                        PlatformAuthorities.jwtAuthenticationConverter())))
                .authenticationEntryPoint(ReactiveProblemHandlers.entryPoint())
                .accessDeniedHandler(ReactiveProblemHandlers.accessDeniedHandler()));
        http.exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(ReactiveProblemHandlers.entryPoint())
                .accessDeniedHandler(ReactiveProblemHandlers.accessDeniedHandler()));
        http.cors(Customizer.withDefaults());
        http.csrf(ServerHttpSecurity.CsrfSpec::disable);
        http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
        http.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
        http.logout(ServerHttpSecurity.LogoutSpec::disable);
        http.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()));
        http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        http.headers(
                headers -> headers.frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .contentTypeOptions(Customizer.withDefaults())
                        .hsts(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * Requests the security firewall refuses (encoded or {@code ..} path segments, and the like: the usual tricks to
     * reach a protected path past a path rule) answer 400 problem+json.
     */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler() {
        return (exchange, rejected) -> ProblemResponses.write(
                exchange,
                Problems.of(
                        PlatformError.BAD_REQUEST,
                        "The request path is not acceptable (encoded or relative path segments)."));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }
}
