package io.shopstack.infrastructure;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The servers in network mode, as a multi-host run uses them: a login role per database that reaches only its own
 * database, Redis behind a password, Kafka advertising the name its clients resolve. Bound to 127.0.0.1 here; the
 * same settings open them to other hosts.
 */
class NetworkModeTest {

    private static final String PRODUCT_PASSWORD = "product-test-password-'quoted\"";
    private static final String REDIS_PASSWORD = "redis-test-password";

    private static EmbeddedInfrastructure infrastructure;
    private static InfrastructureSettings settings;

    @BeforeAll
    static void startInNetworkMode() throws Exception {
        settings = InfrastructureSettings.forTests()
                .withDatabases(java.util.Set.of("product", "cart"))
                .withNetwork(new NetworkExposure(
                        "127.0.0.1",
                        "localhost",
                        Map.of("product", PRODUCT_PASSWORD, "cart", "cart-test-password"),
                        REDIS_PASSWORD));
        infrastructure = new EmbeddedInfrastructure(settings);
        infrastructure.start(EnumSet.of(Server.POSTGRES, Server.KAFKA, Server.REDIS));
    }

    @AfterAll
    static void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void eachRoleLogsInWithItsPasswordToItsOwnDatabaseOnlyAndMayCreateTables() throws Exception {
        try (Connection product = connect("product", "product", PRODUCT_PASSWORD);
                Statement statement = product.createStatement()) {
            statement.execute("CREATE TABLE network_mode_probe (id bigint PRIMARY KEY)");
            statement.execute("INSERT INTO network_mode_probe VALUES (1)");
        }
        assertThatThrownBy(() -> connect("cart", "product", PRODUCT_PASSWORD).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no pg_hba.conf entry");
        assertThatThrownBy(() -> connect("product", "product", "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void theLaunchersOwnAdminConnectionOnLoopbackStillWorks() throws Exception {
        // What the launcher itself uses (e.g. to create a database that a later service asks for).
        infrastructure.ensureDatabase("auth");
        assertThat(infrastructure.springProperties("product"))
                .containsEntry("spring.datasource.username", "product")
                .containsEntry("spring.datasource.password", PRODUCT_PASSWORD)
                .containsEntry("spring.data.redis.password", REDIS_PASSWORD);
    }

    @Test
    void redisWantsAuthFirst() {
        RedisURI withoutPassword = RedisURI.create("127.0.0.1", settings.redisPort());
        RedisClient client = RedisClient.create();
        try {
            // Lettuce's handshake (HELLO) is the first command, so the refusal comes with connecting.
            assertThatThrownBy(() -> client.connect(withoutPassword).sync().ping())
                    .rootCause()
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("NOAUTH");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        RedisURI withPassword = RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(settings.redisPort())
                .withPassword(REDIS_PASSWORD.toCharArray())
                .build();
        RedisClient authenticated = RedisClient.create();
        try (StatefulRedisConnection<String, String> connection = authenticated.connect(withPassword)) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            authenticated.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void kafkaAdvertisesTheConfiguredHost() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + settings.kafkaPort(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::host).containsExactly("localhost");
            assertThat(nodes).extracting(Node::port).containsExactly(settings.kafkaPort());
        }
    }

    /** A data folder from a run without logins: its tables, made by the admin role, become the new role's own. */
    @Test
    void aDatabaseFromARunWithoutLoginsIsHandedToItsRole(@TempDir Path data) throws Exception {
        InfrastructureSettings before = new InfrastructureSettings(
                data,
                false,
                Ports.freePort(),
                Ports.freePort(),
                Ports.freePort(),
                Ports.freePort(),
                Ports.freePort(),
                192,
                List.of("product"),
                NetworkExposure.loopbackOnly());
        try (EmbeddedInfrastructure plain = new EmbeddedInfrastructure(before)) {
            plain.start(EnumSet.of(Server.POSTGRES));
            try (Connection admin = DriverManager.getConnection(plain.jdbcUrl("product"), "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE TABLE legacy (id bigserial PRIMARY KEY, name text)");
                statement.execute("CREATE SEQUENCE legacy_numbers");
            }
        }
        InfrastructureSettings after = before.withNetwork(
                new NetworkExposure("127.0.0.1", "127.0.0.1", Map.of("product", "later-password"), ""));
        try (EmbeddedInfrastructure withLogins = new EmbeddedInfrastructure(after)) {
            withLogins.start(EnumSet.of(Server.POSTGRES));
            try (Connection product =
                            DriverManager.getConnection(withLogins.jdbcUrl("product"), "product", "later-password");
                    Statement statement = product.createStatement()) {
                statement.execute("ALTER TABLE legacy ADD COLUMN price numeric");
                statement.execute("INSERT INTO legacy (name, price) VALUES ('kept', 1)");
                statement.execute("SELECT nextval('legacy_numbers')");
            }
        }
        try (EmbeddedInfrastructure plainAgain = new EmbeddedInfrastructure(before)) {
            plainAgain.start(EnumSet.of(Server.POSTGRES));
            assertThat(Files.readString(data.resolve("postgres/pg_hba.conf")))
                    .as("without passwords the loopback rules come back")
                    .contains("host    all         all     127.0.0.1/32    trust")
                    .doesNotContain("sameuser");
        }
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:%d/%s".formatted(settings.postgresPort(), database), properties);
    }
}
