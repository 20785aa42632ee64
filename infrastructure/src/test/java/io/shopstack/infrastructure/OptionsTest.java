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
        assertThat(settings.databases()).contains("product", "cart");
        assertThat(settings.dataDirectory().toString()).endsWith(".shopstack/infrastructure");
        assertThat(options.servers()).containsExactlyInAnyOrder(Server.values());
        assertThat(options.clean()).isFalse();
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
