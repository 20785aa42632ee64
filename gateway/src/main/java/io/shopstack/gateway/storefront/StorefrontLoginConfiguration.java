package io.shopstack.gateway.storefront;

import io.shopstack.platform.reactive.ServiceExchangeRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.net.URI;
import java.util.Map;

/**
 * The storefront's backend for frontend: the browser's requests (no {@code Authorization} header; see
 * {@link BrowserRequests}) get their own security chain, in front of the platform's bearer-token chain:
 * <ul>
 *   <li>login: authorization code + PKCE as the confidential client {@code shopstack-web} ({@code oauth2Login});</li>
 *   <li>tokens stay on the server, in the WebSession that Spring Session keeps in Redis (any gateway instance serves
 *       it): the security context and the authorized client (access, refresh and ID token). The browser holds only
 *       the session cookie (HttpOnly, SameSite=Lax, Secure under prod). The routes' {@code TokenRelay} filter puts the
 *       access token on API calls, refreshing it first when it has expired;</li>
 *   <li>CSRF: every state-changing request needs the session's CSRF token ({@code X-CSRF-TOKEN} header or
 *       {@code _csrf} field; the page gets it from {@code /bff/session});</li>
 *   <li>logout ({@code POST /logout}) ends the gateway session, then sends the browser to the issuer's end-session
 *       endpoint (OIDC RP-initiated logout) so the issuer's session ends too, and back to the storefront;</li>
 *   <li>an anonymous browser on a page that needs a login is redirected to the login; API calls answer 401/403
 *       problem details, as for bearer clients.</li>
 * </ul>
 * Authorization rules for API paths are the gateway's own ({@link ServiceExchangeRules}): the session's authorities
 * are the access token's scopes ({@code SCOPE_cart}, {@code SCOPE_catalog:write} for administrators). See
 * docs/storefront-bff.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorefrontSettings.class)
public class StorefrontLoginConfiguration {

    /** The registration id: part of the redirect URI registered at the issuer (/login/oauth2/code/shopstack). */
    public static final String REGISTRATION_ID = "shopstack";

    static final String LOGIN = "/oauth2/authorization/" + REGISTRATION_ID;

    /** Pages anyone may see; the cart, the wishlist, checkout and the orders need a login. */
    static final String[] PUBLIC_PAGES = {"/", "/products/*", "/bff/session"};

    static final String[] SIGNED_IN_PAGES = {"/cart", "/wishlist", "/checkout", "/orders", "/orders/*", "/sign-in"};

    /**
     * Pages may load only this origin's scripts, styles and images, be framed by nobody, and post forms only here
     * (the login form is auth-server's page, reached through this origin).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain storefrontSecurityWebFilterChain(
            ServerHttpSecurity http,
            ObjectProvider<ServiceExchangeRules> serviceRules,
            ReactiveClientRegistrationRepository registrations,
            StorefrontSettings settings) {
        http.securityMatcher(BrowserRequests.matcher());
        http.authorizeExchange(exchanges -> {
            exchanges
                    .pathMatchers(HttpMethod.GET, PUBLIC_PAGES)
                    .permitAll()
                    .pathMatchers(HttpMethod.GET, SIGNED_IN_PAGES)
                    .authenticated();
            serviceRules.orderedStream().forEach(rules -> rules.configure(exchanges));
            exchanges.anyExchange().authenticated();
        });
        http.oauth2Login(Customizer.withDefaults());
        // Pages: to the login (the request is saved and resumed afterwards). API and /bff calls: 401 problem details.
        DelegatingServerAuthenticationEntryPoint entryPoint =
                new DelegatingServerAuthenticationEntryPoint(new DelegateEntry(
                        ServerWebExchangeMatchers.pathMatchers("/api/**", "/bff/**"), StorefrontProblems.entryPoint()));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN));
        http.exceptionHandling(exceptions ->
                exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(StorefrontProblems.accessDenied()));
        http.csrf(csrf -> csrf.accessDeniedHandler(StorefrontProblems.csrfDenied()));
        OidcClientInitiatedServerLogoutSuccessHandler logoutSuccess =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri(settings.baseUrl() + "/");
        logoutSuccess.setLogoutSuccessUrl(URI.create("/"));
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(logoutSuccess));
        http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
        http.formLogin(ServerHttpSecurity.FormLoginSpec::disable);
        http.headers(
                headers -> headers.frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .contentTypeOptions(Customizer.withDefaults())
                        .hsts(Customizer.withDefaults()));
        return http.build();
    }

    /** The issuer as the gateway's OIDC provider, built here so the gateway starts while auth-server does not run. */
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(StorefrontSettings settings) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(settings.baseUrl() + "/login/oauth2/code/{registrationId}")
                // catalog:write is granted only to administrators; the issuer drops it for everyone else.
                .scope("openid", "profile", "cart", "orders", "catalog:write")
                .issuerUri(settings.issuer())
                .authorizationUri(settings.authorizationUri())
                .tokenUri(settings.tokenUri())
                .jwkSetUri(settings.jwkSetUri())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", settings.endSessionUri()))
                // PKCE also for this confidential client (OAuth 2.0 Security BCP).
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build())
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** Access, refresh and ID tokens live in the (Redis-backed) WebSession, never in the gateway's memory. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }
}
