package io.shopstack.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL 17 server (zonky embedded binaries). Runs with {@code fsync=off}: fine for local use and tests,
 * never for production data.
 */
final class PostgresServer implements ManagedServer {

    private static final String USER = "postgres";

    private final InfrastructureSettings settings;
    private final ProcessRegistry registry;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    PostgresServer(InfrastructureSettings settings, ProcessRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.dataDirectory = settings.directory("postgres");
    }

    @Override
    public Server kind() {
        return Server.POSTGRES;
    }

    @Override
    public void start() throws Exception {
        stopOrphanedPostmaster();
        Ports.requireFree(settings.postgresPort(), "PostgreSQL", settings.portSetting("postgres"));
        Files.createDirectories(dataDirectory.getParent());
        Path log = Files.createDirectories(settings.directory("logs")).resolve("postgres.log");
        postgres = EmbeddedPostgres.builder()
                .setPort(settings.postgresPort())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // zonky starts postgres through pg_ctl, so the postmaster is not our direct child: record its own PID.
        postmaster().ifPresent(handle -> registry.register("postgres", handle));
    }

    /** Creates each missing database; existing ones (and their data) are kept. */
    void createDatabases(Collection<String> names) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                try (PreparedStatement exists =
                        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet result = exists.executeQuery()) {
                        if (result.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    // The name is validated as [a-z][a-z0-9_]* by InfrastructureSettings and DatabaseNames.
                    create.execute("CREATE DATABASE " + DatabaseNames.requireValid(name));
                }
            }
        }
    }

    /**
     * A postgres that survived a {@code kill -9} of its launcher still owns the data folder; zonky would connect to
     * it as if it were new. Stop it first, whoever recorded it.
     */
    private void stopOrphanedPostmaster() throws Exception {
        postmaster().ifPresent(handle -> {
            System.out.println(
                    "  Stopping leftover postgres (pid " + handle.pid() + ") that still owns " + dataDirectory);
            ProcessRegistry.terminate(handle, Duration.ofSeconds(10));
        });
        Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
    }

    /** The running postmaster that owns the data directory, per its {@code postmaster.pid}. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .command()
                            .map(command -> command.endsWith("postgres"))
                            .orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a torn pid file: postgres itself handles it on start
        }
    }

    @Override
    public void stop() {
        if (postgres == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = Optional.empty();
        try {
            postmaster = postmaster();
            postgres.close();
        } catch (Exception e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        // pg_ctl returns once the pid file is gone, slightly before the postmaster has exited and freed its port.
        postmaster.ifPresent(handle -> ProcessRegistry.terminate(handle, Duration.ofSeconds(10)));
        registry.unregister("postgres");
        postgres = null;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + settings.postgresPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(settings.postgresPort(), database);
    }

    static String user() {
        return USER;
    }
}
