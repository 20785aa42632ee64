package io.shopstack.cli.command;

import io.shopstack.cli.Jit;
import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.PrometheusRunner;
import io.shopstack.cli.ServiceInstance;
import io.shopstack.cli.ServiceSpec;
import io.shopstack.cli.ServiceSupervisor;
import io.shopstack.cli.StartSequence;
import io.shopstack.infrastructure.InfrastructureMain;
import io.shopstack.infrastructure.InfrastructureSettings;
import io.shopstack.infrastructure.Ports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code up}: the infrastructure in this JVM, then each service as its own JVM, in order, each awaited until healthy;
 * stays in the foreground until Ctrl-C or {@code down}, whose shutdown hook stops everything.
 */
@Command(
        name = "up",
        sortOptions = false,
        sortSynopsis = false,
        header = "Build what is out of date, start the infrastructure and all services (foreground; Ctrl-C stops).",
        description = {
            "Start PostgreSQL, Kafka, Redis and Zipkin, then config-server, then discovery, then auth-server, "
                    + "product-service, cart-service, order-service, gateway and observability side by side, each as its own JVM "
                    + "and each awaited until healthy, and Prometheus when installed; then print the URLs. The "
                    + "./platform script first builds what is out of date.",
            "With SHOPSTACK_AOT_CACHE=on, services start from the JDK's AOT cache of their classes (target/aot/ of "
                    + "each service): the first start after a build trains it, and the JVMs write it when they stop "
                    + "(./platform down; this takes a while).",
            "Runs in the foreground: Ctrl-C (or ./platform down from another terminal) stops everything."
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CONFIG_SERVER_PORT (8888), EUREKA_PORT (8761), AUTH_SERVER_PORT (9000),",
            "  PRODUCT_SERVICE_PORT (8002), CART_SERVICE_PORT (8003), ORDER_SERVICE_PORT (8004),",
            "  GATEWAY_PORT (8080), ADMIN_PORT (9090), PROMETHEUS_PORT (9091)",
            "                               the services' ports",
            "  SHOPSTACK_POSTGRES_PORT, SHOPSTACK_KAFKA_PORT, SHOPSTACK_KAFKA_CONTROLLER_PORT,",
            "  SHOPSTACK_REDIS_PORT, SHOPSTACK_ZIPKIN_PORT",
            "                               the infrastructure's ports (an option above wins)",
            "  SHOPSTACK_DATA_DIR           the infrastructure's data folder (--data-dir wins)",
            "  SHOPSTACK_SERVICE_JAVA_OPTS  every service's JVM options, besides the JIT mode's",
            "                               (default " + LocalPlatform.DEFAULT_SERVICE_JAVA_OPTS + ")",
            "  SHOPSTACK_JIT                dev or full, as --jit (default dev: -XX:TieredStopAtLevel=1)",
            "  SHOPSTACK_AOT_CACHE          on: start services from the JDK's AOT cache (default off)",
            "  CONFIG_GIT_URI, CONFIG_GIT_LABEL",
            "                               what config-server serves (default: this checkout, current branch)",
            "  SHOPSTACK_ISSUER             the token issuer (default http://localhost:<AUTH_SERVER_PORT>)",
            "  EUREKA_<SERVICE>_PASSWORD    a service's own Eureka login, e.g. EUREKA_CART_SERVICE_PASSWORD",
            "                               (default <service>-eureka-dev-password; each service gets only its own)",
            "  EUREKA_OPERATOR_PASSWORD, EUREKA_PROMETHEUS_PASSWORD",
            "                               the read-only Eureka logins of the launcher and of Prometheus",
            "",
            "A port that is taken stops the start with one line naming the port and the setting to change, and",
            "exit code 2; a second launcher for the same state folder exits with 3."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--infra-only", description = "Start only the infrastructure, no services.")
    boolean infraOnly;

    @Option(names = "--clean", description = "Wipe the local data (databases, Kafka, Redis) before starting.")
    boolean clean;

    @Option(names = "--no-zipkin", description = "Do not start Zipkin.")
    boolean noZipkin;

    @Option(
            names = "--jit",
            paramLabel = "<mode>",
            converter = JitConverter.class,
            description = "The services' JIT: dev (C1 only: the quickest start, the least memory; the default, or "
                    + "SHOPSTACK_JIT) or full (tiered with C2: more CPU while it compiles, ~90 MB more per JVM, "
                    + "C2-compiled code once warm, for benchmarks). scale and start follow the running platform's "
                    + "mode.")
    Jit jit;

    @Option(
            names = "--data-dir",
            paramLabel = "<dir>",
            description = "The infrastructure's data folder (default: SHOPSTACK_HOME/infrastructure).")
    Path dataDirectory;

    @Option(names = "--postgres-port", paramLabel = "<port>", description = "PostgreSQL's port (default 5432).")
    Integer postgresPort;

    @Option(names = "--kafka-port", paramLabel = "<port>", description = "Kafka's broker port (default 9092).")
    Integer kafkaPort;

    @Option(
            names = "--kafka-controller-port",
            paramLabel = "<port>",
            description = "Kafka's KRaft controller port (default 9093).")
    Integer kafkaControllerPort;

    @Option(names = "--redis-port", paramLabel = "<port>", description = "Redis's port (default 6379).")
    Integer redisPort;

    @Option(names = "--zipkin-port", paramLabel = "<port>", description = "Zipkin's port (default 9411).")
    Integer zipkinPort;

    @Option(names = "--zipkin-heap", paramLabel = "<MB>", description = "Zipkin's heap, 64 to 4096 MB (default 256).")
    Integer zipkinHeapMb;

    private final LocalPlatform platform;

    UpCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> infrastructureEnvironment = new HashMap<>(platform.environment());
        infrastructureEnvironment.putIfAbsent(
                "SHOPSTACK_DATA_DIR", platform.paths().infrastructure().toString());
        InfrastructureMain.Options options = InfrastructureMain.Options.parse(
                infrastructureArguments().toArray(String[]::new), infrastructureEnvironment);
        List<ServiceSpec> services = infraOnly ? List.of() : ServiceSpec.ALL;
        for (ServiceSpec spec : services) {
            spec.port(platform.environment()); // validates overrides before anything starts
        }
        System.setProperty("shopstack.log.dir", platform.paths().logs().toString());
        System.setProperty("logback.configurationFile", "shopstack-infrastructure-logback.xml");

        Jit jitMode = jit != null ? jit : platform.jit();
        ServiceSupervisor supervisor = platform.supervisor(options.settings(), jitMode);
        PrometheusRunner prometheus = new PrometheusRunner(platform.paths());
        CountDownLatch stopped = new CountDownLatch(1);
        long begin = System.nanoTime();
        try {
            InfrastructureMain.launch(
                    options,
                    () -> {
                        System.out.println("Stopping services...");
                        prometheus.stop();
                        supervisor.stopAll(System.out::println);
                    },
                    stopped);
        } catch (InfrastructureMain.LaunchFailure failure) {
            System.err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        // After the lock is ours: anything still recorded belongs to a launcher that is gone.
        supervisor.reapLeftovers(message -> System.out.println("  " + message));
        prometheus.reapLeftovers();
        Files.createDirectories(platform.recordedJit().getParent());
        Files.writeString(platform.recordedJit(), jitMode.label() + "\n");
        for (ServiceSpec spec : services) {
            int port = spec.port(platform.environment());
            if (!Ports.isFree(port)) {
                System.err.printf(
                        "error: port %d for %s is already in use: stop what uses it, or set %s%n",
                        port, spec.name(), spec.portVariable());
                return PlatformCommand.USAGE;
            }
        }
        try {
            List<List<ServiceSpec>> waves = StartSequence.waves(services);
            // Side by side, n services share the CPU: each gets n times one service's bound (a JVM that exits is
            // still reported at once).
            Map<ServiceSpec, Duration> timeouts = new HashMap<>();
            waves.forEach(wave -> wave.forEach(
                    spec -> timeouts.put(spec, ServiceSupervisor.START_TIMEOUT.multipliedBy(wave.size()))));
            StartSequence.run(waves, spec -> start(supervisor, spec, timeouts.get(spec)));
        } catch (StartSequence.Failure failure) {
            System.err.println("error: " + failure.getMessage());
            return PlatformCommand.FAILURE; // the shutdown hook stops what was started
        }
        Optional<String> prometheusUrl =
                infraOnly ? Optional.empty() : prometheus.start(platform.prometheusVariables());
        System.out.printf(Locale.ROOT, "shopstack is up in %.1f s%n", Elapsed.secondsSince(begin));
        if (!infraOnly) {
            printUrls(options.settings());
            prometheusUrl.ifPresent(url -> System.out.println("  Prometheus (metrics):  " + url));
        }
        System.out.println("Logs in " + platform.paths().logs() + ". Press Ctrl-C (or run ./platform down) to stop.");
        watch(supervisor, stopped);
        stopped.await();
        return 0;
    }

    static final class JitConverter implements CommandLine.ITypeConverter<Jit> {
        @Override
        public Jit convert(String value) {
            return Jit.parse(value);
        }
    }

    private void start(ServiceSupervisor supervisor, ServiceSpec spec, Duration timeout) throws Exception {
        int port = spec.port(platform.environment());
        long begin = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %-16s starting on :%d ...%n", spec.name(), port);
        ServiceInstance instance = supervisor.start(spec, 1, port);
        supervisor.awaitHealthy(instance, timeout);
        System.out.printf(
                Locale.ROOT,
                "  %-16s ready on http://localhost:%d (%.1f s)%n",
                spec.name(),
                port,
                Elapsed.secondsSince(begin));
    }

    /**
     * The options in {@link InfrastructureMain.Options}' own syntax: it owns their defaults, the environment variables
     * they override and their range checks, for this launcher and the infrastructure's own main alike.
     */
    List<String> infrastructureArguments() {
        List<String> arguments = new ArrayList<>();
        if (clean) {
            arguments.add("--clean");
        }
        if (noZipkin) {
            arguments.add("--no-zipkin");
        }
        addIfSet(arguments, "--data-dir", dataDirectory);
        addIfSet(arguments, "--postgres-port", postgresPort);
        addIfSet(arguments, "--kafka-port", kafkaPort);
        addIfSet(arguments, "--kafka-controller-port", kafkaControllerPort);
        addIfSet(arguments, "--redis-port", redisPort);
        addIfSet(arguments, "--zipkin-port", zipkinPort);
        addIfSet(arguments, "--zipkin-heap", zipkinHeapMb);
        return arguments;
    }

    private static void addIfSet(List<String> arguments, String option, Object value) {
        if (value != null) {
            arguments.add(option + "=" + value);
        }
    }

    /** Reports, once, any service JVM that dies while the platform runs (no silent half-platform). */
    private static void watch(ServiceSupervisor supervisor, CountDownLatch stopped) {
        Thread watcher = new Thread(
                () -> {
                    Set<String> reported = new HashSet<>();
                    while (stopped.getCount() > 0) {
                        for (ServiceInstance instance : supervisor.recorded()) {
                            // Still recorded after dying = not stopped on purpose (scale and down forget what they
                            // stop).
                            if (!instance.alive()
                                    && supervisor.isRecorded(instance)
                                    && reported.add(instance.id() + instance.pid())) {
                                System.out.println("warning: " + instance.id() + " (pid " + instance.pid()
                                        + ") is no longer running; see " + supervisor.logOf(instance));
                            }
                        }
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "shopstack-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void printUrls(InfrastructureSettings settings) {
        System.out.println("  Entry point (gateway): http://localhost:" + platform.port("gateway"));
        System.out.println("  Eureka dashboard:      http://localhost:" + platform.port("discovery") + "  (user "
                + platform.eurekaUser() + ")");
        System.out.println("  Config server:         http://localhost:" + platform.port("config-server"));
        System.out.println("  Issuer (auth-server):  " + platform.issuer());
        System.out.println("  Admin dashboard:       http://localhost:" + platform.port("observability") + "  (user "
                + platform.variable("ADMIN_USER", "admin") + ")");
        System.out.println("  Zipkin (traces):       http://localhost:" + settings.zipkinPort());
        System.out.println("  A token for the API:   ./platform token alice");
    }
}
