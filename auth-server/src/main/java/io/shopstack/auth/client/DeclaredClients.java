package io.shopstack.auth.client;

import io.shopstack.auth.AuthProperties;
import io.shopstack.auth.AuthProperties.ClientAuthentication;
import io.shopstack.auth.PasswordHashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the client table match the declared clients ({@code shopstack.auth.clients}): inserts new ones, overwrites
 * changed ones (a changed scope list or secret hash takes effect at the next start) and removes clients that are no
 * longer declared, with their authorizations and consents. Configuration is the one source of clients; there is no
 * other way to register one. Instances starting together serialise on a transaction-scoped advisory lock.
 */
final class DeclaredClients {

    private static final Logger log = LoggerFactory.getLogger(DeclaredClients.class);
    /** Any fixed number: the lock id shared by every auth-server instance for this update. */
    private static final long LOCK_ID = 0x5348_4f50_434c_4e54L; // "SHOPCLNT"

    private final Map<String, AuthProperties.Client> declared;
    private final RegisteredClientRepository repository;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DeclaredClients(
            Map<String, AuthProperties.Client> declared,
            RegisteredClientRepository repository,
            JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        this.declared = new TreeMap<>(declared);
        this.repository = repository;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void apply() {
        if (declared.isEmpty()) {
            throw new IllegalStateException("No clients configured (shopstack.auth.clients)");
        }
        // Validate everything before writing anything: a bad entry changes no row.
        List<RegisteredClient> clients = declared.entrySet().stream()
                .map(entry -> toRegisteredClient(entry.getKey(), entry.getValue()))
                .toList();
        transactions.executeWithoutResult(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {}, LOCK_ID);
            for (RegisteredClient client : clients) {
                RegisteredClient existing = repository.findByClientId(client.getClientId());
                repository.save(existing == null ? client : withId(client, existing.getId()));
            }
            List<Map<String, Object>> stored = jdbc.queryForList("SELECT id, client_id FROM oauth2_registered_client");
            for (Map<String, Object> row : stored) {
                String clientId = (String) row.get("client_id");
                if (!declared.containsKey(clientId)) {
                    remove((String) row.get("id"), clientId);
                }
            }
        });
        log.info("Registered clients: {}", String.join(", ", declared.keySet()));
    }

    private void remove(String id, String clientId) {
        jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", id);
        jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", id);
        jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
        log.warn("Removed client {}: it is no longer declared in shopstack.auth.clients", clientId);
    }

    private static RegisteredClient withId(RegisteredClient client, String id) {
        return RegisteredClient.from(client).id(id).build();
    }

    static RegisteredClient toRegisteredClient(String clientId, AuthProperties.Client client) {
        String what = "shopstack.auth.clients." + clientId;
        // The id is the client id: deterministic, so instances starting at the same time write the same row.
        RegisteredClient.Builder builder =
                RegisteredClient.withId(clientId).clientId(clientId).clientName(clientId);
        if (client.authentication() == ClientAuthentication.NONE) {
            if (client.clientSecret() != null && !client.clientSecret().isBlank()) {
                throw new IllegalStateException(what + " is public (authentication: none) but has a client-secret");
            }
            if (!client.requireProofKey()) {
                throw new IllegalStateException(
                        what + " is public (authentication: none): require-proof-key must" + " stay true");
            }
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(PasswordHashes.requireBcrypt(client.clientSecret(), what + ".client-secret"))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        if (client.grantTypes().isEmpty() || client.scopes().isEmpty()) {
            throw new IllegalStateException(what + " needs grant-types and scopes");
        }
        client.grantTypes().forEach(grantType -> builder.authorizationGrantType(new AuthorizationGrantType(grantType)));
        client.redirectUris().forEach(builder::redirectUri);
        // Where OIDC RP-initiated logout (/connect/logout) may send the browser back to.
        client.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
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
}
