package io.shopstack.cli;

import io.shopstack.cli.token.TokenClient;
import io.shopstack.cli.token.TokenException;
import io.shopstack.infrastructure.ControlChannel;
import io.shopstack.infrastructure.InfrastructureMain;
import io.shopstack.infrastructure.InfrastructureSettings;
import io.shopstack.infrastructure.Ports;
import io.shopstack.infrastructure.ProcessRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java side of {@code ./platform}: {@code up} (infrastructure in this JVM, each service as its own JVM, in
 * order, each awaited until healthy), {@code down}, {@code status}, {@code scale}, {@code token}, {@code config push}.
 * Exit codes: 0 ok, 1 failure, 2 bad usage or a port taken, 3 already running.
 */
public final class PlatformMain {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Map<String, String> environment;
    private final PlatformPaths paths;

    private PlatformMain(Map<String, String> environment) {
        this.environment = environment;
        this.paths = PlatformPaths.from(environment);
    }

    public static void main(String[] args) {
        PlatformMain platform = new PlatformMain(System.getenv());
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int exitCode;
        try {
            exitCode = switch (command) {
                case "up" -> platform.up(rest);
                case "down" -> platform.down();
                case "status" -> platform.status();
                case "scale" -> platform.scale(rest);
                case "start" -> platform.start(rest);
                case "infra" -> platform.infra(rest);
                case "token" -> platform.token(rest);
                case "config" -> platform.config(rest);
                default -> {
                    System.err.println("unknown command '" + command + "'; see ./platform help");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            exitCode = 2;
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    // ---------------------------------------------------------------- up

    private int up(String[] args) throws Exception {
        boolean infraOnly = false;
        List<String> infraArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--infra-only")) {
                infraOnly = true;
            } else {
                infraArgs.add(arg);
            }
        }
        Map<String, String> infraEnvironment = new HashMap<>(environment);
        infraEnvironment.putIfAbsent("SHOPSTACK_DATA_DIR", paths.infrastructure().toString());
        InfrastructureMain.Options options = InfrastructureMain.Options.parse(infraArgs.toArray(String[]::new), infraEnvironment);
        if (options.help()) {
            System.out.println("usage: ./platform up [--infra-only] [infrastructure options, see below]");
            InfrastructureMain.main(new String[] {"--help"});
            return 0;
        }
        List<ServiceSpec> services = infraOnly ? List.of() : ServiceSpec.ALL;
        for (ServiceSpec spec : services) {
            spec.port(environment); // validates overrides before anything starts
        }
        System.setProperty("shopstack.log.dir", paths.logs().toString());
        System.setProperty("logback.configurationFile", "shopstack-infrastructure-logback.xml");

        ServiceSupervisor supervisor = new ServiceSupervisor(paths, serviceEnvironment(options.settings()), serviceJavaOptions());
        PrometheusRunner prometheus = new PrometheusRunner(paths);
        CountDownLatch stopped = new CountDownLatch(1);
        long begin = System.nanoTime();
        try {
            InfrastructureMain.launch(options, () -> {
                System.out.println("Stopping services...");
                prometheus.stop();
                supervisor.stopAll(System.out::println);
            }, stopped);
        } catch (InfrastructureMain.LaunchFailure failure) {
            System.err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        // After the lock is ours: anything still recorded belongs to a launcher that is gone.
        supervisor.reapLeftovers(message -> System.out.println("  " + message));
        prometheus.reapLeftovers();
        for (ServiceSpec spec : services) {
            int port = spec.port(environment);
            if (!Ports.isFree(port)) {
                System.err.printf("error: port %d for %s is already in use: stop what uses it, or set %s%n", port, spec.name(), spec.portVariable());
                return 2;
            }
            long serviceBegin = System.nanoTime();
            System.out.printf(Locale.ROOT, "  %-16s starting on :%d ...%n", spec.name(), port);
            ServiceInstance instance = supervisor.start(spec, 1, port);
            try {
                supervisor.awaitHealthy(instance, START_TIMEOUT);
            } catch (IllegalStateException e) {
                System.err.println("error: " + e.getMessage());
                return 1; // the shutdown hook stops what was started
            }
            System.out.printf(Locale.ROOT, "  %-16s ready on http://localhost:%d (%.1f s)%n", spec.name(), port, seconds(serviceBegin));
        }
        Optional<String> prometheusUrl = infraOnly ? Optional.empty() : prometheus.start(prometheusVariables());
        System.out.printf(Locale.ROOT, "shopstack is up in %.1f s%n", seconds(begin));
        if (!infraOnly) {
            printUrls(options.settings());
            prometheusUrl.ifPresent(url -> System.out.println("  Prometheus (metrics):  " + url));
        }
        System.out.println("Logs in " + paths.logs() + ". Press Ctrl-C (or run ./platform down) to stop.");
        watch(supervisor, stopped);
        stopped.await();
        return 0;
    }

    /** Reports, once, any service JVM that dies while the platform runs (no silent half-platform). */
    private static void watch(ServiceSupervisor supervisor, CountDownLatch stopped) {
        Thread watcher = new Thread(() -> {
            java.util.Set<String> reported = new java.util.HashSet<>();
            while (stopped.getCount() > 0) {
                for (ServiceInstance instance : supervisor.recorded()) {
                    // Still recorded after dying = not stopped on purpose (scale and down forget what they stop).
                    if (!instance.alive() && supervisor.isRecorded(instance) && reported.add(instance.id() + instance.pid())) {
                        System.out.println("warning: " + instance.id() + " (pid " + instance.pid() + ") is no longer running; see "
                                + supervisor.logOf(instance));
                    }
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "shopstack-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private Map<String, String> serviceEnvironment(InfrastructureSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOPSTACK_ROOT", paths.root().toString());
        // The issuer's signing key belongs to this platform's state (shopstack.auth.jwk-file).
        env.put("SHOPSTACK_AUTH_JWKFILE", paths.state().resolve("auth").resolve("jwk.json").toString());
        env.put("SHOPSTACK_POSTGRES_PORT", String.valueOf(settings.postgresPort()));
        env.put("SHOPSTACK_KAFKA", "127.0.0.1:" + settings.kafkaPort());
        env.put("SHOPSTACK_REDIS_PORT", String.valueOf(settings.redisPort()));
        env.put("SHOPSTACK_ZIPKIN", "http://127.0.0.1:" + settings.zipkinPort());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            env.put(spec.portVariable(), String.valueOf(spec.port(environment)));
        }
        env.putIfAbsent("SHOPSTACK_ISSUER", environment.getOrDefault("SHOPSTACK_ISSUER", issuer().toString()));
        // Local profile: demo data and local defaults (config-repo's prod profile takes everything from the environment).
        env.put("SPRING_PROFILES_ACTIVE", environment.getOrDefault("SPRING_PROFILES_ACTIVE", "local"));
        return env;
    }

    private Map<String, String> prometheusVariables() {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("EUREKA_PORT", String.valueOf(ServiceSpec.named("discovery").orElseThrow().port(environment)));
        variables.putIfAbsent("EUREKA_USER", "eureka");
        variables.putIfAbsent("EUREKA_PASSWORD", "eureka-dev-password");
        variables.putIfAbsent("PROMETHEUS_CLIENT_SECRET", "prometheus-dev-secret");
        variables.put("SHOPSTACK_ISSUER", issuer().toString());
        return variables;
    }

    private List<String> serviceJavaOptions() {
        String configured = environment.getOrDefault("SHOPSTACK_SERVICE_JAVA_OPTS",
                // Small heaps and C1-only JIT: seven JVMs start quickly on two cores. Override for benchmarks.
                "-Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        List<String> options = new ArrayList<>(List.of(configured.trim().split("\\s+")));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Kafka and Netty use sun.misc.Unsafe
        }
        return options;
    }

    private void printUrls(InfrastructureSettings settings) {
        int gateway = ServiceSpec.named("gateway").orElseThrow().port(environment);
        System.out.println("  Entry point (gateway): http://localhost:" + gateway);
        System.out.println("  Eureka dashboard:      http://localhost:" + ServiceSpec.named("discovery").orElseThrow().port(environment)
                + "  (user " + eurekaUser() + ")");
        System.out.println("  Config server:         http://localhost:" + ServiceSpec.named("config-server").orElseThrow().port(environment));
        System.out.println("  Issuer (auth-server):  " + issuer());
        System.out.println("  Admin dashboard:       http://localhost:" + ServiceSpec.named("observability").orElseThrow().port(environment)
                + "  (user " + environment.getOrDefault("ADMIN_USER", "admin") + ")");
        System.out.println("  Zipkin (traces):       http://localhost:" + settings.zipkinPort());
        System.out.println("  A token for the API:   ./platform token alice");
    }

    // ---------------------------------------------------------------- down / status / scale

    private int down() throws Exception {
        Path pidFile = paths.infrastructure().resolve("run/launcher.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            var launcher = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (launcher.isPresent()) {
                System.out.println("Stopping shopstack (launcher pid " + pid + ")...");
                ProcessRegistry.terminate(launcher.get(), Duration.ofSeconds(90));
            }
        }
        ServiceSupervisor supervisor = new ServiceSupervisor(paths, Map.of(), List.of());
        supervisor.reapLeftovers(System.out::println); // e.g. instances added by `scale` after the launcher died
        new ProcessRegistry(paths.infrastructure().resolve("run/infrastructure.pids")).reapLeftovers(System.out::println);
        new PrometheusRunner(paths).stop();
        System.out.println("Stopped.");
        return 0;
    }

    private int status() {
        ServiceSupervisor supervisor = new ServiceSupervisor(paths, Map.of(), List.of());
        System.out.println("Services:");
        List<ServiceInstance> recorded = supervisor.recorded();
        if (recorded.isEmpty()) {
            System.out.println("  (none running)");
        }
        for (ServiceInstance instance : recorded) {
            String state = !instance.alive() ? "stopped" : supervisor.healthy(instance.port()) ? "healthy" : "starting/unhealthy";
            System.out.printf(Locale.ROOT, "  %-18s pid %-8d :%-6d %s%n", instance.id(), instance.pid(), instance.port(), state);
        }
        System.out.println("Infrastructure:");
        InfrastructureSettings defaults = InfrastructureMain.Options.parse(new String[0], environment).settings();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgresql", defaults.postgresPort());
        ports.put("kafka", defaults.kafkaPort());
        ports.put("redis", defaults.redisPort());
        ports.put("zipkin", defaults.zipkinPort());
        ports.forEach((name, port) -> System.out.printf(Locale.ROOT, "  %-18s :%-6d %s%n", name, port, Ports.isFree(port) ? "down" : "up"));
        try {
            Map<String, Integer> registered = eurekaInstances();
            System.out.println("Registered in Eureka:");
            registered.forEach((app, count) -> System.out.printf(Locale.ROOT, "  %-18s %d instance(s) UP%n", app.toLowerCase(Locale.ROOT), count));
        } catch (IOException e) {
            System.out.println("Eureka: not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code scale <service> <n>}: starts or stops instances (free ports) until n run and are registered. */
    private int scale(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ./platform scale <service> <instances>");
        }
        ServiceSpec spec = ServiceSpec.named(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + args[0] + "'"));
        int wanted;
        try {
            wanted = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("instances must be a number, was '" + args[1] + "'");
        }
        if (wanted < 1 || wanted > 5) {
            throw new IllegalArgumentException("instances must be between 1 and 5");
        }
        ServiceSupervisor supervisor = new ServiceSupervisor(paths, serviceEnvironment(
                InfrastructureMain.Options.parse(new String[0], environment).settings()), serviceJavaOptions());
        List<ServiceInstance> live = supervisor.live(spec.name());
        if (live.isEmpty()) {
            throw new IllegalStateException(spec.name() + " is not running: start the platform with ./platform up first");
        }
        for (int index = live.size() - 1; index >= wanted; index--) {
            System.out.println("Stopping " + live.get(index).id());
            supervisor.stop(live.get(index));
        }
        int nextIndex = live.stream().mapToInt(ServiceInstance::index).max().orElse(0) + 1;
        for (int count = live.size(); count < wanted; count++, nextIndex++) {
            int port = Ports.freePort();
            long begin = System.nanoTime();
            ServiceInstance instance = supervisor.start(spec, nextIndex, port);
            System.out.printf(Locale.ROOT, "  %-18s starting on :%d ...%n", instance.id(), port);
            supervisor.awaitHealthy(instance, START_TIMEOUT);
            System.out.printf(Locale.ROOT, "  %-18s ready on http://localhost:%d (%.1f s)%n", instance.id(), port, seconds(begin));
        }
        String app = spec.name().toUpperCase(Locale.ROOT);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (eurekaInstances().getOrDefault(app, 0) != wanted) {
            if (System.nanoTime() > deadline) {
                System.err.println("warning: Eureka lists " + eurekaInstances().getOrDefault(app, 0) + " instance(s) of "
                        + spec.name() + " after 60 s, expected " + wanted);
                return 1;
            }
            Thread.sleep(500);
        }
        System.out.println(spec.name() + ": " + wanted + " instance(s) running and registered in Eureka");
        return 0;
    }

    /**
     * {@code start <service>}: brings back every recorded instance of a service that is no longer running (crashed,
     * killed), each on its own port, and waits until it is healthy. The rest of the platform keeps running.
     */
    private int start(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ./platform start <service>");
        }
        ServiceSpec spec = ServiceSpec.named(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + args[0] + "'"));
        ServiceSupervisor supervisor = new ServiceSupervisor(paths, serviceEnvironment(
                InfrastructureMain.Options.parse(new String[0], environment).settings()), serviceJavaOptions());
        List<ServiceInstance> stopped = supervisor.recorded().stream()
                .filter(instance -> instance.service().equals(spec.name()) && !instance.alive()).toList();
        if (stopped.isEmpty()) {
            System.out.println(spec.name() + ": every recorded instance is running");
            return 0;
        }
        for (ServiceInstance dead : stopped) {
            if (!Ports.isFree(dead.port())) {
                System.err.printf("error: port %d of %s is in use by another process%n", dead.port(), dead.id());
                return 1;
            }
            long begin = System.nanoTime();
            ServiceInstance instance = supervisor.start(spec, dead.index(), dead.port());
            System.out.printf(Locale.ROOT, "  %-18s starting on :%d ...%n", instance.id(), instance.port());
            supervisor.awaitHealthy(instance, START_TIMEOUT);
            System.out.printf(Locale.ROOT, "  %-18s ready on http://localhost:%d (%.1f s)%n", instance.id(), instance.port(), seconds(begin));
        }
        return 0;
    }

    /** {@code infra stop|start <server>}: asks the running launcher to stop or restart one infrastructure server. */
    private int infra(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("stop") || args[0].equals("start"))) {
            throw new IllegalArgumentException("usage: ./platform infra stop|start postgres|kafka|redis|zipkin");
        }
        Path socket = InfrastructureMain.controlSocket(paths.infrastructure());
        if (!Files.exists(socket)) {
            System.err.println("error: no running launcher for " + paths.state() + " (start it with ./platform up)");
            return 1;
        }
        String reply = ControlChannel.send(socket, args[0] + " " + args[1]);
        if (reply.startsWith("ok ")) {
            System.out.println(reply.substring(3));
            return 0;
        }
        System.err.println(reply.startsWith("error ") ? "error: " + reply.substring(6) : "error: unexpected reply '" + reply + "'");
        return reply.startsWith("error usage") || reply.startsWith("error unknown") ? 2 : 1;
    }

    private Map<String, Integer> eurekaInstances() throws IOException, InterruptedException {
        int port = ServiceSpec.named("discovery").orElseThrow().port(environment);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eureka/apps"))
                .header("Accept", "application/json")
                .header("Authorization", basic(eurekaUser(), environment.getOrDefault("EUREKA_PASSWORD", "eureka-dev-password")))
                .timeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Eureka answered " + response.statusCode());
        }
        Map<String, Integer> counts = new TreeMap<>();
        Matcher instance = Pattern.compile("\"app\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"status\"\\s*:\\s*\"UP\"").matcher(response.body());
        while (instance.find()) {
            counts.merge(instance.group(1), 1, Integer::sum);
        }
        return counts;
    }

    // ---------------------------------------------------------------- token / config

    /**
     * {@code token <user> [--scope S]} performs the real authorization-code + PKCE login of a local user;
     * {@code token --service <client-id>} the client-credentials grant. Passwords and secrets come from
     * SHOPSTACK_PASSWORD / SHOPSTACK_CLIENT_SECRET, else the documented local development ones.
     */
    private int token(String[] args) {
        TokenClient client = new TokenClient();
        try {
            if (args.length >= 2 && args[0].equals("--service")) {
                String clientId = args[1];
                String secret = environment.getOrDefault("SHOPSTACK_CLIENT_SECRET", clientId + "-dev-secret");
                String scope = args.length == 4 && args[2].equals("--scope") ? args[3] : "internal";
                System.out.println(client.serviceToken(issuer(), clientId, secret.toCharArray(), scope));
                return 0;
            }
            if (args.length == 1 || (args.length == 3 && args[1].equals("--scope"))) {
                String user = args[0];
                String password = environment.getOrDefault("SHOPSTACK_PASSWORD", user + "-password");
                String scope = args.length == 3 ? TokenClient.DEFAULT_USER_SCOPE + " " + args[2] : TokenClient.DEFAULT_USER_SCOPE;
                System.out.println(client.userToken(issuer(), user, password.toCharArray(), scope));
                return 0;
            }
        } catch (TokenException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        throw new IllegalArgumentException("usage: ./platform token <user> [--scope <scope>] | ./platform token --service <client-id> [--scope <scope>]");
    }

    /**
     * {@code config push}: tells config-server's {@code /monitor} that config-repo changed; it broadcasts a refresh
     * over Spring Cloud Bus (Kafka) and every service re-reads its configuration without a restart.
     * {@code config install-hook}: a git post-commit hook that pushes whenever a commit touches config-repo/.
     */
    private int config(String[] args) throws Exception {
        String sub = args.length == 0 ? "" : args[0];
        switch (sub) {
            case "push" -> {
                int port = ServiceSpec.named("config-server").orElseThrow().port(environment);
                String form = "path=" + URLEncoder.encode("config-repo/application.yml", StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(environment.getOrDefault("CONFIG_SERVER_USER", "config"),
                                environment.getOrDefault("CONFIG_SERVER_PASSWORD", "config-dev-password")))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                HttpResponse<String> response;
                try {
                    response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    System.err.println("error: config-server is not reachable on :" + port + " (is the platform up?)");
                    return 1;
                }
                if (response.statusCode() / 100 != 2) {
                    System.err.println("error: config-server answered " + response.statusCode() + ": " + response.body());
                    return 1;
                }
                System.out.println("Refresh broadcast to all services (config-server answered " + response.body().trim() + ")");
                return 0;
            }
            case "install-hook" -> {
                Path hook = paths.root().resolve(".git/hooks/post-commit");
                Files.createDirectories(hook.getParent());
                Files.writeString(hook, """
                        #!/bin/sh
                        # Installed by ./platform config install-hook: a commit that touches config-repo/ refreshes the
                        # running platform (committed config only: config-server reads git, not the work tree).
                        if git diff-tree --no-commit-id --name-only -r HEAD | grep -q '^config-repo/'; then
                          ./platform config push || echo "config push failed (is the platform up?)" >&2
                        fi
                        """);
                hook.toFile().setExecutable(true);
                System.out.println("Installed " + hook);
                return 0;
            }
            default -> throw new IllegalArgumentException("usage: ./platform config push | ./platform config install-hook");
        }
    }

    // ---------------------------------------------------------------- helpers

    private URI issuer() {
        String configured = environment.get("SHOPSTACK_ISSUER");
        return URI.create(configured != null ? configured
                : "http://localhost:" + ServiceSpec.named("auth-server").orElseThrow().port(environment));
    }

    private String eurekaUser() {
        return environment.getOrDefault("EUREKA_USER", "eureka");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }
}
