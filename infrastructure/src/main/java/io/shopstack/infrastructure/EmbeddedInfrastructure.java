package io.shopstack.infrastructure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts and stops the platform's real servers: PostgreSQL, Kafka (KRaft), Redis and Zipkin. Used by the local
 * launcher (fixed ports, persistent data) and by the test support (random ports, temporary data). Servers start side
 * by side, and {@link #start} returns once all of them answer; they stop in reverse {@link Server} order.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** Reports progress: which server started, at which address, how long it took. */
    public interface Listener {
        void started(Server server, String address, Duration took);

        Listener SILENT = (server, address, took) -> {};
    }

    private final InfrastructureSettings settings;
    private final ProcessRegistry registry;
    private final Map<Server, ManagedServer> servers = new EnumMap<>(Server.class);
    private final Set<Server> running = EnumSet.noneOf(Server.class);
    private final Set<String> databases = new LinkedHashSet<>();

    public EmbeddedInfrastructure(InfrastructureSettings settings) {
        this.settings = settings;
        this.registry =
                new ProcessRegistry(settings.dataDirectory().resolve("run").resolve("infrastructure.pids"));
        servers.put(Server.POSTGRES, new PostgresServer(settings, registry));
        servers.put(Server.KAFKA, new KafkaServer(settings));
        servers.put(Server.REDIS, new RedisServer(settings, registry));
        servers.put(Server.ZIPKIN, new ZipkinServer(settings, registry));
        databases.addAll(settings.databases());
    }

    public InfrastructureSettings settings() {
        return settings;
    }

    /** Stops servers left running by an earlier launcher that was killed; call before {@link #start}. */
    public List<String> reapLeftovers(Consumer<String> log) {
        return registry.reapLeftovers(log);
    }

    /**
     * Starts each of the given servers that is not running yet, side by side (none needs another to start; on two
     * cores PostgreSQL's processes, Kafka in this JVM and Zipkin's JVM overlap), and returns once all of them answer.
     * One that died since it was started (see {@link #dead()}) is cleaned up (leftover pid file, registry entry) and
     * started again on its port and data. If one fails, the others are still awaited (so that {@link #close} stops
     * them) and the first failure is thrown as it was.
     */
    public synchronized void start(Set<Server> which, Listener listener) throws Exception {
        List<Server> toStart = new ArrayList<>();
        for (Server server : Server.values()) {
            if (which.contains(server)
                    && running.contains(server)
                    && !servers.get(server).isAlive()) {
                running.remove(server);
                servers.get(server).stop();
            }
            if (which.contains(server) && !running.contains(server)) {
                toStart.add(server);
            }
        }
        // A taken port stops the start before anything starts (as one after another did): one line, nothing to undo.
        for (Server server : toStart) {
            requirePortsFree(server);
        }
        Map<Server, Future<?>> starts = new EnumMap<>(Server.class);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Server server : toStart) {
                starts.put(server, executor.submit(() -> {
                    long begin = System.nanoTime();
                    servers.get(server).start();
                    if (server == Server.POSTGRES) {
                        postgres().createDatabases(databases);
                    }
                    listener.started(
                            server, servers.get(server).address(), Duration.ofNanos(System.nanoTime() - begin));
                    return null;
                }));
            }
        }
        Exception failure = null;
        for (Server server : toStart) {
            try {
                starts.get(server).get();
                running.add(server);
            } catch (ExecutionException e) {
                // Possibly half started (a process that never answered): stop() cleans up what there is.
                servers.get(server).stop();
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void requirePortsFree(Server server) {
        switch (server) {
            case POSTGRES -> Ports.requireFree(settings.postgresPort(), "PostgreSQL", settings.portSetting("postgres"));
            case KAFKA -> {
                Ports.requireFree(settings.kafkaPort(), "Kafka", settings.portSetting("kafka"));
                Ports.requireFree(
                        settings.kafkaControllerPort(),
                        "the Kafka controller",
                        settings.portSetting("kafka-controller"));
            }
            case REDIS -> Ports.requireFree(settings.redisPort(), "Redis", settings.portSetting("redis"));
            case ZIPKIN -> Ports.requireFree(settings.zipkinPort(), "Zipkin", settings.portSetting("zipkin"));
        }
    }

    public void start(Set<Server> which) throws Exception {
        start(which, Listener.SILENT);
    }

    /** Stops one server, e.g. to test how the platform copes with Kafka or Redis going away. */
    public synchronized void stop(Server server) {
        if (running.remove(server)) {
            servers.get(server).stop();
        }
    }

    /** Started (and not stopped on purpose) — it may have died since: see {@link #isAlive}. */
    public synchronized boolean isRunning(Server server) {
        return running.contains(server);
    }

    /** Started, not stopped on purpose, and still there. */
    public synchronized boolean isAlive(Server server) {
        return running.contains(server) && servers.get(server).isAlive();
    }

    /** The servers that were started and have not been stopped on purpose, but are gone (killed, crashed). */
    public synchronized Set<Server> dead() {
        Set<Server> dead = EnumSet.noneOf(Server.class);
        for (Server server : running) {
            if (!servers.get(server).isAlive()) {
                dead.add(server);
            }
        }
        return dead;
    }

    /** Creates the database if missing (database-per-service: each service gets its own). */
    public synchronized void ensureDatabase(String name) throws Exception {
        DatabaseNames.requireValid(name);
        databases.add(name);
        if (running.contains(Server.POSTGRES)) {
            postgres().createDatabases(List.of(name));
        }
    }

    public String jdbcUrl(String database) {
        return postgres().jdbcUrl(database);
    }

    public String databaseUser() {
        return PostgresServer.user();
    }

    public String kafkaBootstrapServers() {
        return ((KafkaServer) servers.get(Server.KAFKA)).bootstrapServers();
    }

    public int redisPort() {
        return settings.redisPort();
    }

    public String zipkinUrl() {
        return ((ZipkinServer) servers.get(Server.ZIPKIN)).url();
    }

    /** Spring Boot properties that point a service at the running servers (and its own database, if given). */
    public synchronized Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (running.contains(Server.POSTGRES) && database != null && !database.isBlank()) {
            properties.put("spring.datasource.url", jdbcUrl(database));
            // With a login for this database (network mode) the service uses it, as it would on another host.
            Optional<String> password = settings.network().databasePassword(database);
            properties.put("spring.datasource.username", password.isPresent() ? database : databaseUser());
            properties.put("spring.datasource.password", password.orElse(""));
        }
        if (running.contains(Server.KAFKA)) {
            properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
            properties.put("spring.cloud.stream.kafka.binder.brokers", kafkaBootstrapServers());
        }
        if (running.contains(Server.REDIS)) {
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", String.valueOf(redisPort()));
            settings.network()
                    .redisPasswordIfSet()
                    .ifPresent(password -> properties.put("spring.data.redis.password", password));
        }
        if (running.contains(Server.ZIPKIN)) {
            properties.put("management.tracing.export.zipkin.endpoint", zipkinUrl() + "/api/v2/spans");
        }
        return properties;
    }

    private PostgresServer postgres() {
        return (PostgresServer) servers.get(Server.POSTGRES);
    }

    /** Stops everything in reverse start order; an ephemeral (test) data directory is deleted afterwards. */
    @Override
    public synchronized void close() {
        List<Server> order = new ArrayList<>(running);
        java.util.Collections.reverse(order);
        for (Server server : order) {
            servers.get(server).stop();
            running.remove(server);
        }
        if (settings.ephemeral()) {
            try {
                FileTrees.delete(settings.dataDirectory());
            } catch (IOException e) {
                System.err.println("Could not delete " + settings.dataDirectory() + ": " + e.getMessage());
            }
        }
    }
}
