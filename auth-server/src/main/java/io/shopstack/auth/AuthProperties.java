package io.shopstack.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code shopstack.auth.*}: issuer, signing keys, the declared clients and users, login throttling.
 * Passwords and client secrets are bcrypt hashes with their id prefix ({@code {bcrypt}$2a$10$...}), never plain text.
 * Clients and users are maps keyed by id so that profile documents and config-server add to an entry (for example a
 * client's secret hash) instead of replacing a whole list.
 *
 * @param jwkFile the current signing key: a JWK set file with one private RSA key, or a PKCS#8 PEM private key
 * @param previousJwkFile the key signed with before the last rotation (same formats; only its public part is used):
 *     published in the JWK set so that its tokens validate until they expire, never used to sign
 * @param generateJwk create {@code jwkFile} when it does not exist (local only: in production a missing key file
 *     must stop the start, not silently invalidate every token)
 * @param users users written to the user store at every start (local development users); production users are
 *     managed in the database
 * @param clients every registered client: the database's client table is made to match them at every start
 * @param bootstrapAdmin an administrator created at start only when no user of that name exists yet
 */
@ConfigurationProperties("shopstack.auth")
public record AuthProperties(
        String issuer,
        @DefaultValue("shopstack") String audience,
        Path jwkFile,
        Path previousJwkFile,
        @DefaultValue("false") boolean generateJwk,
        Map<String, User> users,
        Map<String, Client> clients,
        BootstrapAdmin bootstrapAdmin,
        @DefaultValue List<RestrictedScope> restrictedScopes,
        @DefaultValue LoginThrottle loginThrottle) {

    public AuthProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    public record User(String password, @DefaultValue Set<String> roles) {}

    /** How a client authenticates at the token endpoint. */
    public enum ClientAuthentication {
        /** Confidential: HTTP basic with its secret. */
        CLIENT_SECRET_BASIC,
        /** Public (a browser app): no secret, PKCE required. */
        NONE
    }

    public record Client(
            @DefaultValue("client-secret-basic") ClientAuthentication authentication,
            String clientSecret,
            @DefaultValue Set<String> grantTypes,
            @DefaultValue Set<String> redirectUris,
            @DefaultValue Set<String> scopes,
            @DefaultValue("true") boolean requireProofKey,
            @DefaultValue("false") boolean requireAuthorizationConsent,
            @DefaultValue("5m") Duration accessTokenTtl,
            @DefaultValue("8h") Duration refreshTokenTtl,
            @DefaultValue Set<String> postLogoutRedirectUris) {}

    /** Blank username or hash: no bootstrap administrator. */
    public record BootstrapAdmin(String username, String passwordHash) {

        public boolean isRequested() {
            return username != null && !username.isBlank() && passwordHash != null && !passwordHash.isBlank();
        }
    }

    /** A scope granted in user flows only to users holding at least one of {@code roles}. */
    public record RestrictedScope(
            String scope, @DefaultValue Set<String> roles) {}

    /**
     * After {@code accountMaxFailures} failed sign-ins for one account name (or {@code addressMaxFailures} from one
     * client address) without a quiet {@code window} in between, that account (address) is refused for
     * {@code baseDelay}, doubling with every further failure up to {@code maxDelay}; no password is checked meanwhile.
     */
    public record LoginThrottle(
            @DefaultValue("5") int accountMaxFailures,
            @DefaultValue("20") int addressMaxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("30s") Duration baseDelay,
            @DefaultValue("15m") Duration maxDelay) {}
}
