package io.shopstack.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaultsAreTheWellKnownLocalPortsAndEveryServer() {
        var options = InfrastructureMain.Options.parse(new String[0], Map.of());
        var settings = options.settings();
        assertThat(settings.postgresPort()).isEqualTo(5432);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.redisPort()).isEqualTo(6379);
        assertThat(settings.zipkinPort()).isEqualTo(9411);
        assertThat(settings.databases()).containsExactlyInAnyOrder("product", "cart", "orders", "auth");
        assertThat(settings.dataDirectory().toString()).endsWith(".shopstack/infrastructure");
        assertThat(options.servers()).containsExactlyInAnyOrder(Server.values());
        assertThat(options.clean()).isFalse();
        assertThat(settings.network()).isEqualTo(NetworkExposure.loopbackOnly());
        assertThat(settings.network().listenAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void networkModeComesFromOptionsAndEnvironmentAndNeverPrintsAPassword() {
        var network = InfrastructureMain.Options.parse(
                        new String[] {"--kafka-advertised-host=infra.shopstack.test"},
                        Map.of(
                                "SHOPSTACK_BIND_ADDRESS", "10.42.0.2",
                                "SHOPSTACK_KAFKA_ADVERTISED_HOST", "ignored-the-option-wins",
                                "SHOPSTACK_DB_PASSWORD_PRODUCT", "s3cret-product",
                                "SHOPSTACK_DB_PASSWORD_CART", "s3cret-cart",
                                "SHOPSTACK_REDIS_PASSWORD", "s3cret-redis"))
                .settings()
                .network();
        assertThat(network.bindAddress()).isEqualTo("10.42.0.2");
        assertThat(network.listenAddresses()).containsExactly("10.42.0.2", "127.0.0.1");
        assertThat(network.localConnectHost()).isEqualTo("10.42.0.2");
        assertThat(network.kafkaAdvertisedHost()).isEqualTo("infra.shopstack.test");
        assertThat(network.databasePasswords())
                .containsExactlyInAnyOrderEntriesOf(Map.of("product", "s3cret-product", "cart", "s3cret-cart"));
        assertThat(network.databasePassword("auth")).isEmpty();
        assertThat(network.redisPasswordIfSet()).contains("s3cret-redis");
        assertThat(network.toString()).doesNotContain("s3cret");

        var wildcard = InfrastructureMain.Options.parse(new String[] {"--bind-address=0.0.0.0"}, Map.of())
                .settings()
                .network();
        assertThat(wildcard.listenAddresses()).containsExactly("0.0.0.0");
        assertThat(wildcard.localConnectHost()).isEqualTo("127.0.0.1");
        assertThat(wildcard.requiresDatabasePasswords()).isFalse();
    }

    @Test
    void aPasswordForAnUnknownDatabaseOrABadAddressIsRejected() {
        assertThatThrownBy(() ->
                        InfrastructureMain.Options.parse(new String[0], Map.of("SHOPSTACK_DB_PASSWORD_PAYMENTS", "x")))
                .hasMessageContaining("SHOPSTACK_DB_PASSWORD_PAYMENTS")
                .hasMessageNotContaining("x)");
        assertThatThrownBy(() ->
                        InfrastructureMain.Options.parse(new String[] {"--bind-address=1.2.3.4,5.6.7.8"}, Map.of()))
                .hasMessageContaining("--bind-address");
        assertThatThrownBy(() -> InfrastructureMain.Options.parse(
                        new String[0], Map.of("SHOPSTACK_KAFKA_ADVERTISED_HOST", "a host")))
                .hasMessageContaining("SHOPSTACK_KAFKA_ADVERTISED_HOST");
    }

    @Test
    void optionsWinOverEnvironmentWhichWinsOverDefaults() {
        var options = InfrastructureMain.Options.parse(
                new String[] {"--redis-port=7000", "--no-zipkin", "--clean"},
                Map.of("SHOPSTACK_REDIS_PORT", "6000", "SHOPSTACK_POSTGRES_PORT", "6432"));
        assertThat(options.settings().redisPort()).isEqualTo(7000);
        assertThat(options.settings().postgresPort()).isEqualTo(6432);
        assertThat(options.servers()).doesNotContain(Server.ZIPKIN);
        assertThat(options.clean()).isTrue();
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> InfrastructureMain.Options.parse(new String[] {"--kafka-port=abc"}, Map.of()))
                .hasMessageContaining("--kafka-port")
                .hasMessageContaining("abc");
        assertThatThrownBy(
                        () -> InfrastructureMain.Options.parse(new String[0], Map.of("SHOPSTACK_REDIS_PORT", "70000")))
                .hasMessageContaining("SHOPSTACK_REDIS_PORT");
        assertThatThrownBy(() -> InfrastructureMain.Options.parse(new String[] {"--frobnicate"}, Map.of()))
                .hasMessageContaining("--frobnicate");
    }
}
