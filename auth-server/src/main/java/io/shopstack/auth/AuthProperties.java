package io.shopstack.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code shopstack.auth.*}: issuer, signing key file, local users and OAuth clients.
 * Passwords and client secrets are stored hashed with an id prefix ({@code {bcrypt}...}), never in plain text.
 */
@ConfigurationProperties("shopstack.auth")
public record AuthProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("shopstack") String audience,
        Path jwkFile,
        @DefaultValue List<User> users,
        @DefaultValue List<Client> clients,
        @DefaultValue List<RestrictedScope> restrictedScopes) {

    public record User(
            String username, String password, @DefaultValue Set<String> roles) {}

    /**
     * A client without {@code client-secret} is public (no client authentication, PKCE); with one it authenticates
     * with HTTP basic.
     */
    public record Client(
            String clientId,
            String clientSecret,
            @DefaultValue Set<String> grantTypes,
            @DefaultValue Set<String> redirectUris,
            @DefaultValue Set<String> scopes,
            @DefaultValue("true") boolean requireProofKey,
            @DefaultValue("false") boolean requireAuthorizationConsent,
            @DefaultValue("5m") Duration accessTokenTtl,
            @DefaultValue("8h") Duration refreshTokenTtl) {

        public boolean isPublic() {
            return clientSecret == null || clientSecret.isBlank();
        }
    }

    /** A scope granted in user flows only to users holding at least one of {@code roles}. */
    public record RestrictedScope(
            String scope, @DefaultValue Set<String> roles) {}
}
