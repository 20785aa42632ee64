package io.shopstack.auth.client;

import io.shopstack.auth.AuthProperties;
import io.shopstack.auth.AuthProperties.ClientAuthentication;
import io.shopstack.auth.FreshAuthDatabase;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The client table follows the declared clients, on real PostgreSQL (a database of its own). */
@WithInfrastructure(Server.POSTGRES)
class DeclaredClientsTest {

    // The repository refuses two clients with the same secret hash, so each client gets its own.
    private static final String MONITOR_HASH = "{bcrypt}$2a$10$jCG./BwCp7Rj.rG87SyyvOA3kNAnRZ/zo8SB45UIr6r6uiC04Kn5.";
    private static final String WORKER_HASH = "{bcrypt}$2a$10$lY2cWc/GXIuz367Qrn4DQuK9OZlv35c5sCvfNJW3CYmfL0cVJJYAy";

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private JdbcRegisteredClientRepository repository;

    @BeforeEach
    void database(EmbeddedInfrastructure infrastructure) throws Exception {
        DataSource dataSource = FreshAuthDatabase.migrated(infrastructure, "auth_declared_clients");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        repository = new JdbcRegisteredClientRepository(jdbc);
    }

    @Test
    void aChangedDefinitionTakesEffectAndAnUndeclaredClientIsRemovedWithItsAuthorizations() {
        apply(Map.of(
                "monitor", confidential(MONITOR_HASH, "metrics:read"),
                "worker", confidential(WORKER_HASH, "catalog:events")));
        assertThat(repository.findByClientId("monitor").getScopes()).containsExactly("metrics:read");
        jdbc.update(
                "INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type)"
                        + " VALUES ('a1', 'worker', 'worker', 'client_credentials')");

        apply(Map.of("monitor", confidential(MONITOR_HASH, "metrics:read", "promo:admin")));

        assertThat(repository.findByClientId("monitor").getScopes())
                .containsExactlyInAnyOrder("metrics:read", "promo:admin");
        assertThat(repository.findByClientId("worker")).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization", Integer.class))
                .isZero();
    }

    @Test
    void aPlainSecretRefusesToStartAndChangesNoRow() {
        apply(Map.of("monitor", confidential(MONITOR_HASH, "metrics:read")));
        AuthProperties.Client plain = new AuthProperties.Client(
                ClientAuthentication.CLIENT_SECRET_BASIC,
                "monitor-dev-secret",
                Set.of("client_credentials"),
                Set.of(),
                Set.of("promo:admin"),
                true,
                false,
                Duration.ofMinutes(5),
                Duration.ofHours(8),
                Set.of());
        Map<String, AuthProperties.Client> declared = new LinkedHashMap<>();
        declared.put("monitor", plain);

        assertThatIllegalStateException()
                .isThrownBy(() -> apply(declared))
                .withMessageContaining("shopstack.auth.clients.monitor.client-secret must be a bcrypt hash")
                .withMessageNotContaining("monitor-dev-secret");
        assertThatIllegalStateException()
                .isThrownBy(() -> apply(Map.of("monitor", withSecret("{noop}monitor-dev-secret"))))
                .withMessageContaining("must be a bcrypt hash");
        assertThat(repository.findByClientId("monitor").getScopes()).containsExactly("metrics:read");
    }

    private void apply(Map<String, AuthProperties.Client> declared) {
        new DeclaredClients(declared, repository, jdbc, transactions).apply();
    }

    private static AuthProperties.Client confidential(String hash, String... scopes) {
        return new AuthProperties.Client(
                ClientAuthentication.CLIENT_SECRET_BASIC,
                hash,
                Set.of("client_credentials"),
                Set.of(),
                Set.of(scopes),
                true,
                false,
                Duration.ofMinutes(5),
                Duration.ofHours(8),
                Set.of());
    }

    private static AuthProperties.Client withSecret(String secret) {
        AuthProperties.Client client = confidential(MONITOR_HASH, "metrics:read");
        return new AuthProperties.Client(
                client.authentication(),
                secret,
                client.grantTypes(),
                client.redirectUris(),
                client.scopes(),
                client.requireProofKey(),
                client.requireAuthorizationConsent(),
                client.accessTokenTtl(),
                client.refreshTokenTtl(),
                client.postLogoutRedirectUris());
    }
}
