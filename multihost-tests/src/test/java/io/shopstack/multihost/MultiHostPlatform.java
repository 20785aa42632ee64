package io.shopstack.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/**
 * The platform on four test hosts, each a network namespace on one bridge: {@code infra} (PostgreSQL, Kafka, Redis,
 * Zipkin: the infrastructure launcher, network mode, real passwords), {@code control} (config-server, discovery,
 * auth-server) and two application hosts {@code app1}, {@code app2} (product-service, cart-service, gateway each).
 * Every service runs its image with podman under {@code prod}, with the environment the local Kustomize overlay gives
 * its Deployment (see {@link DeploymentManifests}); {@link #OVERRIDES} are the few site values a real overlay would set
 * for its own network. Without podman the same jars run as JVMs in the same namespaces with the same environment.
 */
final class MultiHostPlatform implements AutoCloseable {

    static final Map<String, String> ADDRESSES =
            orderedMap("infra", "10.77.0.10", "control", "10.77.0.20", "app1", "10.77.0.31", "app2", "10.77.0.32");
    static final List<String> APPLICATION_HOSTS = List.of("app1", "app2");
    static final List<String> APPLICATIONS = List.of("product-service", "cart-service", "gateway");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final int RESTARTS = 2;

    /** An instance of a workload on a test host. */
    record Instance(String host, String workload, String address, int port) {
        String name() {
            return host + "-" + workload;
        }

        URI uri(String path) {
            return URI.create("http://" + address + ":" + port + path);
        }
    }

    private final Path root;
    private final Path work;
    private final HostNetwork network;
    private final PlatformSecrets secrets = new PlatformSecrets();
    private final DeploymentManifests manifests;
    private final Runtime runtime;
    private final Map<String, String> hostNames;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, String> overrides;
    private Process infrastructure;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MultiHostPlatform(Path root) {
        this.root = root;
        this.work = root.resolve("multihost-tests/target/multihost");
        this.manifests = DeploymentManifests.render(root.resolve("deploy/k8s/overlays/local"));
        this.hostNames = readHostsFile(root.resolve("multihost-tests/src/test/hosts"));
        String unavailable = Podman.unavailableBecause();
        this.runtime = unavailable == null ? new Runtime.Containers(root, work) : new Runtime.Jvms(root, work);
        if (unavailable != null) {
            Report.line("podman cannot run containers here (" + unavailable + "): the same jars run as JVMs in the "
                    + "test hosts' namespaces with the same environment instead of the images");
        }
        this.overrides = overrides(root, work);
        this.network = HostNetwork.create(ADDRESSES);
    }

    /** Starts everything, host by host, and waits until every instance is ready. */
    static MultiHostPlatform start(Path root) {
        requireRoot();
        long begin = System.nanoTime();
        MultiHostPlatform platform = new MultiHostPlatform(root);
        try {
            platform.startInfrastructure();
            Report.timing("infra host ready (PostgreSQL, Kafka, Redis, Zipkin)", begin);
            // discovery needs nothing; auth-server takes its configuration from config-server.
            platform.startAll("control", List.of("config-server", "discovery"));
            platform.startAll("control", List.of("auth-server"));
            Report.timing("control host ready (config-server, discovery, auth-server)", begin);
            platform.addCustomer();
            // In two waves: product-service first (its Flyway migration and the catalog), then the rest; six JVMs
            // starting at once on two cores slow each other down past their connection timeouts.
            platform.startInstances(APPLICATION_HOSTS.stream()
                    .map(host -> platform.instance(host, "product-service"))
                    .toList());
            List<Instance> rest = new ArrayList<>();
            for (String host : APPLICATION_HOSTS) {
                rest.add(platform.instance(host, "cart-service"));
                rest.add(platform.instance(host, "gateway"));
            }
            platform.startInstances(rest);
            Report.timing("app1 + app2 ready (product-service, cart-service, gateway on each)", begin);
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    Instance instance(String host, String workload) {
        String address = ADDRESSES.get(host);
        return new Instance(
                host, workload, address, manifests.workload(workload).port());
    }

    HostNetwork network() {
        return network;
    }

    PlatformSecrets secrets() {
        return secrets;
    }

    Runtime runtime() {
        return runtime;
    }

    /** Kills an instance's process (container or JVM) at once, as a crash would. */
    void kill(Instance instance) {
        runtime.kill(instance.name());
    }

    /** Starts a killed instance again and waits until it is ready. */
    void restart(Instance instance) {
        runtime.restart(instance.name());
        awaitReady(List.of(instance));
    }

    /** Stops or starts one infrastructure server (postgres, kafka, redis, zipkin) through the launcher's control socket. */
    void infrastructure(String command, String server) {
        Path socket = work.resolve("infra/run/control.sock");
        Commands.run(
                Map.of(),
                List.of(
                        "python3",
                        "-c",
                        "import socket,sys;s=socket.socket(socket.AF_UNIX);s.connect(sys.argv[1]);"
                                + "s.sendall((sys.argv[2]+'\\n').encode());s.shutdown(1);print(s.recv(4096).decode())",
                        socket.toString(),
                        command + " " + server));
    }

    /** A connection to one service's database on the infrastructure host, as that service's own login. */
    Connection database(String name) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + ADDRESSES.get("infra") + ":5432/" + name, name, secrets.databasePassword(name));
    }

    boolean ready(Instance instance) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(instance.uri("/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void startInfrastructure() {
        try {
            Path directory = Files.createDirectories(work.resolve("infra"));
            // Beside the data folder: --clean wipes that.
            Path log = work.resolve("infra-launcher.log");
            List<String> command = new ArrayList<>(List.of(
                    "ip",
                    "netns",
                    "exec",
                    network.host("infra").namespace(),
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m",
                    "-Djdk.net.hosts.file=" + root.resolve("multihost-tests/src/test/hosts"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.shopstack.infrastructure.InfrastructureMain",
                    "--clean",
                    "--data-dir=" + directory));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("SHOPSTACK_BIND_ADDRESS", "0.0.0.0");
            environment.put("SHOPSTACK_KAFKA_ADVERTISED_HOST", "kafka.shopstack-infra.svc");
            environment.put("SHOPSTACK_REDIS_PASSWORD", secrets.redisPassword());
            for (String database : PlatformSecrets.DATABASES) {
                environment.put(
                        "SHOPSTACK_DB_PASSWORD_" + database.toUpperCase(java.util.Locale.ROOT),
                        secrets.databasePassword(database));
            }
            infrastructure = builder.start();
            String infra = ADDRESSES.get("infra");
            await("the infrastructure host: PostgreSQL, Kafka, Redis and Zipkin answering on " + infra)
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!infrastructure.isAlive()) {
                            throw new IllegalStateException("the infrastructure launcher exited: " + tail(log));
                        }
                        return Files.readString(log).contains("infrastructure ready")
                                && List.of(5432, 9092, 6379, 9411).stream().allMatch(port -> open(infra, port));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAll(String host, List<String> workloads) {
        startInstances(
                workloads.stream().map(workload -> instance(host, workload)).toList());
    }

    private void startInstances(List<Instance> toStart) {
        for (Instance instance : toStart) {
            DeploymentManifests.Workload workload = manifests.workload(instance.workload());
            Map<String, String> environment = new LinkedHashMap<>(
                    DeploymentManifests.resolve(workload, secrets::value, instance.address(), instance.name()));
            overrides.forEach((key, value) -> {
                if (environment.containsKey(key) || key.startsWith("SHOPSTACK_AUTH_BOOTSTRAP")) {
                    if (!key.startsWith("SHOPSTACK_AUTH_BOOTSTRAP")
                            || instance.workload().equals("auth-server")) {
                        environment.put(key, value);
                    }
                }
            });
            Map<String, Path> volumes = new LinkedHashMap<>();
            workload.secretMounts()
                    .forEach((mountPath, secret) ->
                            volumes.put(mountPath, secrets.writeVolume(secret, work.resolve("secrets"))));
            runtime.start(instance, workload, network.host(instance.host()), environment, volumes, hostNames);
            instances.put(instance.name(), instance);
        }
        awaitReady(toStart);
    }

    /**
     * Waits until every instance answers ready. An instance that exits is started again, at most
     * {@link #RESTARTS} times, as a cluster restarts a pod's container (restartPolicy Always); each restart is
     * reported with the reason, so a start that only works on the second try is visible.
     */
    private void awaitReady(List<Instance> toAwait) {
        long begin = System.nanoTime();
        List<CompletableFuture<Void>> waits = toAwait.stream()
                .map(instance -> CompletableFuture.runAsync(() -> {
                    int[] restarts = {0};
                    await(instance.name() + " ready")
                            .atMost(START_TIMEOUT)
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                if (!runtime.running(instance.name())) {
                                    String log = lastLines(runtime.logs(instance.name()), 40);
                                    if (restarts[0]++ == RESTARTS) {
                                        throw new IllegalStateException(instance.name() + " exited:\n" + log);
                                    }
                                    Report.line("%s exited during its start, restarting it (as a cluster would): %s"
                                            .formatted(instance.name(), lastError(log)));
                                    runtime.restart(instance.name());
                                    return false;
                                }
                                return ready(instance);
                            });
                    Report.line("%-22s ready on %s:%d after %.1f s"
                            .formatted(
                                    instance.name(),
                                    instance.address(),
                                    instance.port(),
                                    (System.nanoTime() - begin) / 1e9));
                }))
                .toList();
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtimeException ? runtimeException : e;
        }
    }

    /** The first ERROR line's message of a JSON (ECS) log, or its last line. */
    private static String lastError(String log) {
        return log.lines()
                .filter(line -> line.contains("\"level\":\"ERROR\"") || line.contains("\"level\":\"WARN\""))
                .map(line -> line.replaceAll(".*\"message\":\"([^\"]{0,240}).*", "$1"))
                .reduce((first, second) -> first)
                .orElse(lastLines(log, 1));
    }

    /** A customer, created the way README "Running in production" says users are managed under prod: in SQL. */
    private void addCustomer() {
        await("auth-server's schema (Flyway) in database auth")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    try (Connection connection = database("auth");
                            var insert = connection.prepareStatement(
                                    "INSERT INTO users (username, password, enabled) VALUES ('alice', ?, true)"
                                            + " ON CONFLICT (username) DO UPDATE SET password = EXCLUDED.password");
                            var role = connection.prepareStatement("INSERT INTO authorities (username, authority)"
                                    + " VALUES ('alice', 'ROLE_CUSTOMER') ON CONFLICT DO NOTHING")) {
                        insert.setString(1, secrets.customerPasswordHash());
                        insert.executeUpdate();
                        role.executeUpdate();
                        return true;
                    }
                });
    }

    /**
     * Site values a real overlay sets for its own network, here for the test network: config-server's git
     * repository (this checkout's committed HEAD, mounted read-only), the proxies in front of the gateway and
     * auth-server (the test hosts' subnet) and a bootstrap admin.
     */
    private Map<String, String> overrides(Path root, Path work) {
        Path git = work.resolve("config-git");
        Commands.run("rm", "-rf", git.toString());
        Commands.run("git", "clone", "--quiet", "--bare", root.toString(), git.toString());
        String head =
                Commands.run("git", "-C", root.toString(), "rev-parse", "HEAD").strip();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CONFIG_GIT_URI", "file://" + runtime.configGitMount(git));
        values.put("CONFIG_GIT_LABEL", head);
        values.put("SHOPSTACK_TRUSTED_PROXIES", HostNetwork.SUBNET);
        values.put("SHOPSTACK_AUTH_TRUSTED_PROXIES", HostNetwork.SUBNET);
        values.put("SHOPSTACK_AUTH_BOOTSTRAP_ADMIN_USERNAME", "admin");
        values.put("SHOPSTACK_AUTH_BOOTSTRAP_ADMIN_PASSWORD_HASH", secrets.adminPasswordHash());
        Report.line(
                "site values set by the test (the rest is the local overlay's): " + String.join(", ", values.keySet()));
        return values;
    }

    private static Map<String, String> readHostsFile(Path file) {
        try {
            Map<String, String> names = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String content = line.replaceAll("#.*", "").trim();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                for (int i = 1; i < fields.length; i++) {
                    if (!fields[i].equals("localhost")) {
                        names.put(fields[i], fields[0]);
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireRoot() {
        String uid = Commands.run("id", "-u").strip();
        if (!uid.equals("0")) {
            throw new IllegalStateException("the multi-host tests need root (network namespaces, podman, iptables); "
                    + "run them as root, e.g. in CI (.ci/run), or leave out -Pmultihost");
        }
        for (String tool : List.of("ip", "iptables", "python3", "kubectl", "git")) {
            if (!Commands.available(tool)) {
                throw new IllegalStateException("the multi-host tests need " + tool + " (.ci/run installs it)");
            }
        }
    }

    private static boolean open(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            return lastLines(Files.readString(log), 30);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        try {
            Path logs = Files.createDirectories(work.resolve("logs"));
            for (Instance instance : instances.values()) {
                Files.writeString(logs.resolve(instance.name() + ".log"), runtime.logs(instance.name()));
                runtime.remove(instance.name());
            }
        } catch (IOException e) {
            System.err.println("could not keep the instances' logs: " + e.getMessage());
        }
        if (infrastructure != null) {
            infrastructure.destroy();
            try {
                if (!infrastructure.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    infrastructure.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        network.close();
    }
}
