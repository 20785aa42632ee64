package io.shopstack.infrastructure;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local infrastructure in the foreground until Ctrl-C / SIGTERM: fixed ports, data under {@code .shopstack/}.
 * Exit codes: 0 stopped normally, 1 a server failed to start, 2 bad usage or a port is taken, 3 already running.
 */
public final class InfrastructureMain {

    private static final String USAGE = """
            usage: infrastructure [--clean] [--data-dir=DIR] [--no-zipkin] [--zipkin-heap=MB]
                                  [--postgres-port=N] [--kafka-port=N] [--kafka-controller-port=N]
                                  [--redis-port=N] [--zipkin-port=N]
                                  [--bind-address=ADDR] [--kafka-advertised-host=NAME]
              Ports default to 5432, 9092, 9093, 6379, 9411 and can also be set with SHOPSTACK_POSTGRES_PORT,
              SHOPSTACK_KAFKA_PORT, SHOPSTACK_KAFKA_CONTROLLER_PORT, SHOPSTACK_REDIS_PORT, SHOPSTACK_ZIPKIN_PORT.
              --clean wipes the data directory (default .shopstack/infrastructure) before starting.
              Network mode (for a multi-host run; default: 127.0.0.1 only, no passwords):
              --bind-address / SHOPSTACK_BIND_ADDRESS  where PostgreSQL, Kafka, Redis and Zipkin listen (e.g. 0.0.0.0;
                                                       127.0.0.1 stays reachable)
              --kafka-advertised-host / SHOPSTACK_KAFKA_ADVERTISED_HOST  the name Kafka's clients connect to
              SHOPSTACK_DB_PASSWORD_<DATABASE>  a login role per database (e.g. _PRODUCT: role product owns database
                                                product); then other hosts need a password and reach only their own
                                                database
              SHOPSTACK_REDIS_PASSWORD          Redis requires AUTH""";

    private InfrastructureMain() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        System.setProperty(
                "shopstack.log.dir",
                options.settings().dataDirectory().resolve("logs").toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "shopstack-infrastructure-logback.xml");
        }
        System.exit(run(options));
    }

    static int run(Options options) {
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            launch(options, () -> {}, stopped);
        } catch (LaunchFailure failure) {
            System.err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        System.out.println("Press Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Launching failed; {@link #exitCode()} is what the launcher process should exit with. */
    public static final class LaunchFailure extends Exception {
        private final int exitCode;

        LaunchFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * Starts the infrastructure for a foreground launcher: one launcher per data directory (lock), leftovers of a
     * killed launcher reaped, {@code --clean} applied, every server started and answering. A shutdown hook runs
     * {@code beforeStop} (e.g. stopping the services that use the servers), then stops the servers in reverse
     * order and counts down {@code stopped}.
     */
    public static EmbeddedInfrastructure launch(Options options, Runnable beforeStop, CountDownLatch stopped)
            throws LaunchFailure {
        InfrastructureSettings settings = options.settings();
        FileLock lock;
        try {
            lock = lock(settings.dataDirectory());
        } catch (IOException e) {
            throw new LaunchFailure(1, "cannot lock " + settings.dataDirectory() + ": " + e.getMessage());
        }
        if (lock == null) {
            throw new LaunchFailure(
                    3,
                    "shopstack is already running for " + settings.dataDirectory() + " (see "
                            + settings.dataDirectory().resolve("run/launcher.pid") + ")");
        }
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(settings);
        infrastructure.reapLeftovers(message -> System.out.println("  " + message));
        if (options.clean()) {
            System.out.println("Wiping " + settings.dataDirectory() + " (--clean)");
            wipeExceptRunState(settings.dataDirectory());
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                beforeStop.run();
                            } finally {
                                System.out.println("Stopping infrastructure...");
                                infrastructure.close();
                                deleteQuietly(settings.dataDirectory().resolve("run/launcher.pid"));
                                deleteQuietly(controlSocket(settings.dataDirectory()));
                                System.out.println("Infrastructure stopped.");
                                stopped.countDown();
                            }
                        },
                        "shopstack-stop"));
        writePid(settings.dataDirectory().resolve("run/launcher.pid"));

        long begin = System.nanoTime();
        System.out.println("Starting shopstack infrastructure (data in " + settings.dataDirectory() + ")");
        try {
            infrastructure.start(
                    options.servers(),
                    (server, address, took) -> System.out.printf(
                            Locale.ROOT,
                            "  %-10s ready on %-22s (%.1f s)%n",
                            server.displayName(),
                            address,
                            took.toMillis() / 1000.0));
        } catch (PortInUseException e) {
            throw new LaunchFailure(2, e.getMessage());
        } catch (Exception e) {
            throw new LaunchFailure(
                    1,
                    "starting the infrastructure failed: " + e.getMessage() + " (logs in "
                            + settings.dataDirectory().resolve("logs") + ")");
        }
        System.out.printf(
                Locale.ROOT,
                "shopstack infrastructure ready in %.1f s%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis() / 1000.0);
        System.out.println("  databases: " + String.join(", ", settings.databases()) + " (user "
                + infrastructure.databaseUser() + ")");
        NetworkExposure network = settings.network();
        if (!network.isLoopbackOnly() || network.requiresDatabasePasswords()) {
            System.out.println("  network mode: listening on " + String.join(" + ", network.listenAddresses())
                    + ", Kafka advertised as " + network.kafkaAdvertisedHost() + ", database logins "
                    + network.databasePasswords().keySet() + ", Redis password "
                    + (network.redisPasswordIfSet().isPresent() ? "required" : "not set"));
            if (!network.isLoopbackOnly()
                    && (!network.requiresDatabasePasswords()
                            || network.redisPasswordIfSet().isEmpty())) {
                System.out.println("  warning: open to other hosts without SHOPSTACK_DB_PASSWORD_<DATABASE> and "
                        + "SHOPSTACK_REDIS_PASSWORD (PostgreSQL then admits loopback only; Redis and Kafka anyone)");
            }
        }
        try {
            ControlChannel.open(controlSocket(settings.dataDirectory()), infrastructure);
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println(
                    "  (no control socket: " + e.getMessage() + "; ./platform infra stop|start unavailable)");
        }
        watch(infrastructure, settings.dataDirectory().resolve("logs"), stopped);
        return infrastructure;
    }

    /**
     * Reports, once per death, any server that dies while the launcher runs (killed, crashed), as the launcher does
     * for the services: no silent half-platform. {@code infra stop} is on purpose and not reported; after
     * {@code infra start} brought a server back, its next death is reported again.
     */
    static void watch(EmbeddedInfrastructure infrastructure, Path logs, CountDownLatch stopped) {
        Thread watcher = new Thread(
                () -> {
                    Set<Server> reported = EnumSet.noneOf(Server.class);
                    while (stopped.getCount() > 0) {
                        Set<Server> dead = infrastructure.dead();
                        reported.retainAll(dead);
                        for (Server server : dead) {
                            if (reported.add(server)) {
                                String name = server.name().toLowerCase(Locale.ROOT);
                                // Kafka runs in this JVM and logs through its logback configuration.
                                Path log = server == Server.KAFKA
                                        ? Path.of(System.getProperty("shopstack.log.dir", logs.toString()))
                                                .resolve("kafka.log")
                                        : logs.resolve(name + ".log");
                                System.out.println("warning: " + server.displayName() + " is no longer running; see "
                                        + log + "; ./platform infra start " + name + " brings it back");
                            }
                        }
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "shopstack-infrastructure-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Where a running launcher listens for {@code stop|start <server>} (see {@link ControlChannel}): in its run folder,
     * unless that path is too long for a Unix socket (about 107 bytes), then in the temporary folder under a name
     * derived from the data folder (the socket itself is owner-only either way).
     */
    public static Path controlSocket(Path dataDirectory) {
        Path socket = dataDirectory.resolve("run").resolve("control.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length <= 100) {
            return socket;
        }
        String id = Integer.toHexString(
                dataDirectory.toAbsolutePath().normalize().toString().hashCode());
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "shopstack-" + System.getProperty("user.name") + "-" + id + ".sock");
    }

    /** One launcher per data directory; a second one would otherwise reap the first one's servers. */
    private static FileLock lock(Path dataDirectory) throws IOException {
        Path lockFile = Files.createDirectories(dataDirectory.resolve("run")).resolve("launcher.lock");
        @SuppressWarnings("resource") // held for the life of the JVM
        RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
        return file.getChannel().tryLock();
    }

    private static void writePid(Path file) {
        try {
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            System.err.println("warning: cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void wipeExceptRunState(Path dataDirectory) {
        try (var children = Files.list(dataDirectory)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals("run")) {
                    FileTrees.delete(child);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot wipe " + dataDirectory, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort on shutdown
        }
    }

    /** Command-line options over environment variables over defaults. */
    public record Options(InfrastructureSettings settings, Set<Server> servers, boolean clean, boolean help) {

        public static Options parse(String[] args, Map<String, String> environment) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> flags = new ArrayList<>();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    flags.add(arg.substring(2));
                } else {
                    values.put(arg.substring(2, equals), arg.substring(equals + 1));
                }
            }
            for (String flag : flags) {
                if (!Set.of("clean", "no-zipkin", "help").contains(flag)) {
                    throw new IllegalArgumentException("unknown option --" + flag);
                }
            }
            for (String key : values.keySet()) {
                if (!Set.of(
                                "data-dir",
                                "postgres-port",
                                "kafka-port",
                                "kafka-controller-port",
                                "redis-port",
                                "zipkin-port",
                                "zipkin-heap",
                                "bind-address",
                                "kafka-advertised-host")
                        .contains(key)) {
                    throw new IllegalArgumentException("unknown option --" + key);
                }
            }
            Path dataDirectory = Path.of(values.getOrDefault(
                            "data-dir", environment.getOrDefault("SHOPSTACK_DATA_DIR", ".shopstack/infrastructure")))
                    .toAbsolutePath()
                    .normalize();
            InfrastructureSettings defaults = InfrastructureSettings.localDefaults(dataDirectory);
            InfrastructureSettings settings = new InfrastructureSettings(
                    dataDirectory,
                    false,
                    port(values, environment, "postgres-port", "SHOPSTACK_POSTGRES_PORT", defaults.postgresPort()),
                    port(values, environment, "kafka-port", "SHOPSTACK_KAFKA_PORT", defaults.kafkaPort()),
                    port(
                            values,
                            environment,
                            "kafka-controller-port",
                            "SHOPSTACK_KAFKA_CONTROLLER_PORT",
                            defaults.kafkaControllerPort()),
                    port(values, environment, "redis-port", "SHOPSTACK_REDIS_PORT", defaults.redisPort()),
                    port(values, environment, "zipkin-port", "SHOPSTACK_ZIPKIN_PORT", defaults.zipkinPort()),
                    number(
                            values.getOrDefault("zipkin-heap", String.valueOf(defaults.zipkinHeapMb())),
                            "--zipkin-heap",
                            64,
                            4096),
                    defaults.databases(),
                    network(values, environment, defaults.databases()));
            Set<Server> servers = EnumSet.allOf(Server.class);
            if (flags.contains("no-zipkin")) {
                servers.remove(Server.ZIPKIN);
            }
            return new Options(settings, servers, flags.contains("clean"), flags.contains("help"));
        }

        private static NetworkExposure network(
                Map<String, String> values, Map<String, String> environment, List<String> databases) {
            String prefix = "SHOPSTACK_DB_PASSWORD_";
            Map<String, String> passwords = new LinkedHashMap<>();
            environment.forEach((variable, value) -> {
                if (variable.startsWith(prefix) && value != null && !value.isEmpty()) {
                    String database = variable.substring(prefix.length()).toLowerCase(Locale.ROOT);
                    if (!databases.contains(database)) {
                        throw new IllegalArgumentException(
                                variable + " names no database (" + String.join(", ", databases) + ")");
                    }
                    passwords.put(database, value);
                }
            });
            return new NetworkExposure(
                    address(values, environment, "bind-address", "SHOPSTACK_BIND_ADDRESS"),
                    address(values, environment, "kafka-advertised-host", "SHOPSTACK_KAFKA_ADVERTISED_HOST"),
                    passwords,
                    environment.getOrDefault("SHOPSTACK_REDIS_PASSWORD", ""));
        }

        private static String address(
                Map<String, String> values, Map<String, String> environment, String option, String variable) {
            String value = setting(values, environment, option, variable);
            try {
                return value == null ? NetworkExposure.LOOPBACK : NetworkExposure.requireAddress(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + option + " / " + variable + " " + e.getMessage());
            }
        }

        private static int port(
                Map<String, String> values,
                Map<String, String> environment,
                String option,
                String variable,
                int fallback) {
            String value = setting(values, environment, option, variable);
            return value == null ? fallback : number(value, "--" + option + " / " + variable, 1, 65535);
        }

        /** The option's value, else the environment variable's; null when neither is set (or blank). */
        private static String setting(
                Map<String, String> values, Map<String, String> environment, String option, String variable) {
            String value = values.getOrDefault(option, environment.get(variable));
            return value == null || value.isBlank() ? null : value;
        }

        private static int number(String value, String name, int min, int max) {
            try {
                int number = Integer.parseInt(value.trim());
                if (number < min || number > max) {
                    throw new IllegalArgumentException(
                            name + " must be between " + min + " and " + max + ", was " + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
            }
        }
    }
}
