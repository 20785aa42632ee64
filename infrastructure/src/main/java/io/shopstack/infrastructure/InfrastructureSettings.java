package io.shopstack.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the servers keep their data and which ports they use.
 *
 * @param dataDirectory  root of all server data, logs and the process registry
 * @param ephemeral      delete the data directory when stopped (tests); dev mode keeps it across restarts
 * @param databases      PostgreSQL databases to create, one per service (database-per-service)
 * @param zipkinHeapMb   explicit heap of the Zipkin child JVM
 * @param network        where the servers listen and which credentials they require (default: loopback, none)
 */
public record InfrastructureSettings(
        Path dataDirectory,
        boolean ephemeral,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int redisPort,
        int zipkinPort,
        int zipkinHeapMb,
        List<String> databases,
        NetworkExposure network) {

    public static final List<String> SERVICE_DATABASES = List.of("product", "cart", "orders", "auth");

    /** The names users set to change each port: environment variable and launcher option. */
    static final Map<String, String> PORT_SETTINGS = Map.of(
            "postgres", "SHOPSTACK_POSTGRES_PORT or --postgres-port=<port>",
            "kafka", "SHOPSTACK_KAFKA_PORT or --kafka-port=<port>",
            "kafka-controller", "SHOPSTACK_KAFKA_CONTROLLER_PORT or --kafka-controller-port=<port>",
            "redis", "SHOPSTACK_REDIS_PORT or --redis-port=<port>",
            "zipkin", "SHOPSTACK_ZIPKIN_PORT or --zipkin-port=<port>");

    public InfrastructureSettings {
        databases = List.copyOf(databases);
        databases.forEach(DatabaseNames::requireValid);
        network = network == null ? NetworkExposure.loopbackOnly() : network;
    }

    /** Dev mode: the well-known local ports and a persistent data directory. */
    public static InfrastructureSettings localDefaults(Path dataDirectory) {
        return new InfrastructureSettings(
                dataDirectory,
                false,
                5432,
                9092,
                9093,
                6379,
                9411,
                256,
                SERVICE_DATABASES,
                NetworkExposure.loopbackOnly());
    }

    /** Test mode: random free ports and a temporary directory removed on stop, so parallel runs never collide. */
    public static InfrastructureSettings forTests() {
        try {
            Path directory = Files.createTempDirectory("shopstack-test-infra-");
            return new InfrastructureSettings(
                    directory,
                    true,
                    Ports.freePort(),
                    Ports.freePort(),
                    Ports.freePort(),
                    Ports.freePort(),
                    Ports.freePort(),
                    192,
                    List.of(),
                    NetworkExposure.loopbackOnly());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String portSetting(String server) {
        return ephemeral ? "a free port (chosen automatically in test mode)" : PORT_SETTINGS.get(server);
    }

    Path directory(String name) {
        return dataDirectory.resolve(name);
    }

    public InfrastructureSettings withDatabases(Set<String> names) {
        return new InfrastructureSettings(
                dataDirectory,
                ephemeral,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                redisPort,
                zipkinPort,
                zipkinHeapMb,
                List.copyOf(names),
                network);
    }

    /** The same servers opened to other hosts (see {@link NetworkExposure}). */
    public InfrastructureSettings withNetwork(NetworkExposure exposure) {
        return new InfrastructureSettings(
                dataDirectory,
                ephemeral,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                redisPort,
                zipkinPort,
                zipkinHeapMb,
                databases,
                exposure);
    }
}
