package io.shopstack.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.List;
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

    /** Everything else: the login form (CSRF on) and actuator (health and info public). */
    @Bean
    @Order(2)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health", "info"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), EndpointRequest.toAnyEndpoint()));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        if (properties.jwkFile() == null) {
            throw new IllegalStateException("shopstack.auth.jwk-file is not set");
        }
        return new ImmutableJWKSet<>(new JWKSet(JwkFile.loadOrCreate(properties.jwkFile())));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(AuthProperties properties) {
        return new TokenClaims(properties.audience());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AuthProperties properties) {
        return new InMemoryUserDetailsManager(properties.users().stream()
                .map(user -> User.withUsername(user.username())
                        .password(
                                requireEncoded(user.password(), "shopstack.auth.users password of " + user.username()))
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthProperties properties) {
        List<RegisteredClient> clients = properties.clients().stream()
                .map(AuthorizationServerConfig::toRegisteredClient)
                .toList();
        if (clients.isEmpty()) {
            throw new IllegalStateException("No clients configured (shopstack.auth.clients)");
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    private static RegisteredClient toRegisteredClient(AuthProperties.Client client) {
        RegisteredClient.Builder builder =
                RegisteredClient.withId(client.clientId()).clientId(client.clientId());
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(requireEncoded(client.clientSecret(), "client-secret of " + client.clientId()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        client.grantTypes().forEach(grantType -> builder.authorizationGrantType(new AuthorizationGrantType(grantType)));
        client.redirectUris().forEach(builder::redirectUri);
        client.scopes().forEach(builder::scope);
        return builder.clientSettings(ClientSettings.builder()
                        .requireProofKey(client.requireProofKey())
                        .requireAuthorizationConsent(client.requireAuthorizationConsent())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(client.accessTokenTtl())
                        .refreshTokenTimeToLive(client.refreshTokenTtl())
                        .build())
                .build();
    }

    /** Secrets must be stored encoded with an id prefix, e.g. {@code {bcrypt}$2a$10$...}. */
    private static String requireEncoded(String secret, String what) {
        if (secret == null || !secret.startsWith("{")) {
            throw new IllegalStateException(
                    what + " must be an encoded hash with an id prefix, e.g. {bcrypt}$2a$10$...");
        }
        return secret;
    }
}
