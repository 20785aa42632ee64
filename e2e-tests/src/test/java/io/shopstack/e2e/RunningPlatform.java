package io.shopstack.e2e;

import io.shopstack.infrastructure.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform exactly as {@code ./platform up} runs it (the same launcher, every service a separate JVM, the
 * embedded infrastructure), on free ports and with its own state folder, so it never collides with a developer's
 * running platform. Config-server serves a throwaway clone of this repository, so tests can commit config changes.
 */
final class RunningPlatform implements AutoCloseable {

    final Path root;
    final Path home;
    final Path configRepository;
    final Map<String, String> environment = new LinkedHashMap<>();
    private final Process launcher;
    private final Path output;
    private boolean closed;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** State and service logs go to {@code target/e2e-platform} so that a failed CI run can be diagnosed. */
    RunningPlatform() throws Exception {
        root = findRoot();
        Path workDirectory = root.resolve("e2e-tests/target/e2e-platform");
        deleteRecursively(workDirectory);
        home = Files.createDirectories(workDirectory.resolve("home"));
        configRepository = workDirectory.resolve("config-git");
        git(root, "clone", "--quiet", root.toString(), configRepository.toString());
        git(configRepository, "checkout", "--quiet", "-B", "e2e");
        git(configRepository, "config", "user.email", "e2e@shopstack.test");
        git(configRepository, "config", "user.name", "shopstack e2e");
        addShoppers(configRepository);

        environment.put("SHOPSTACK_ROOT", root.toString());
        environment.put("SHOPSTACK_HOME", home.toString());
        environment.put("CONFIG_GIT_URI", "file://" + configRepository);
        environment.put("CONFIG_GIT_LABEL", "e2e");
        for (String variable : List.of(
                "SHOPSTACK_POSTGRES_PORT",
                "SHOPSTACK_KAFKA_PORT",
                "SHOPSTACK_KAFKA_CONTROLLER_PORT",
                "SHOPSTACK_REDIS_PORT",
                "SHOPSTACK_ZIPKIN_PORT",
                "CONFIG_SERVER_PORT",
                "EUREKA_PORT",
                "AUTH_SERVER_PORT",
                "PRODUCT_SERVICE_PORT",
                "CART_SERVICE_PORT",
                "ORDER_SERVICE_PORT",
                "GATEWAY_PORT",
                "ADMIN_PORT",
                "PROMETHEUS_PORT")) {
            environment.put(variable, String.valueOf(Ports.freePort()));
        }
        output = home.resolve("launcher.out");
        launcher = platform("up")
                .redirectOutput(output.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            awaitUp(Duration.ofMinutes(5));
        } catch (Exception | Error e) {
            close(); // nobody else can: a platform that did not come up must not keep running after the suite
            throw e;
        }
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    URI url(String variable, String path) {
        return URI.create("http://localhost:" + port(variable) + path);
    }

    URI issuer() {
        return url("AUTH_SERVER_PORT", "");
    }

    /** Runs another {@code ./platform} command against this platform and returns its exit code. */
    int run(String... command) throws Exception {
        Process process = platform(command)
                .redirectOutput(home.resolve("command.out").toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./platform " + String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }

    String launcherOutput() throws IOException {
        return Files.readString(output);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Test-only shoppers (only in this run's config clone), for checkouts by many users at once. */
    static final int SHOPPERS = 50;

    static String shopper(int number) {
        return "shopper-%02d".formatted(number);
    }

    static String shopperPassword(int number) {
        return shopper(number) + "-password";
    }

    /** Adds the shoppers to auth-server's config (users are merged by id) and commits it in the clone. */
    private static void addShoppers(Path configRepository) throws Exception {
        var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
        StringBuilder yaml = new StringBuilder("\nshopstack:\n  auth:\n    users:\n");
        for (int number = 1; number <= SHOPPERS; number++) {
            yaml.append("      ")
                    .append(shopper(number))
                    .append(": {password: \"{bcrypt}")
                    .append(bcrypt.encode(shopperPassword(number)))
                    .append("\", roles: [CUSTOMER]}\n");
        }
        Files.writeString(
                configRepository.resolve("config-repo/auth-server.yml"),
                yaml.toString(),
                java.nio.file.StandardOpenOption.APPEND);
        git(configRepository, "commit", "--quiet", "-am", "e2e: test shoppers");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private ProcessBuilder platform(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                root.resolve("platform-cli/target/classes") + ":" + root.resolve("platform-cli/target/lib/*"),
                "io.shopstack.cli.PlatformMain"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    private void awaitUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(output) ? Files.readString(output) : "";
            if (text.contains("shopstack is up")) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("./platform up failed (exit " + launcher.exitValue() + "):\n" + text);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("./platform up not up within " + timeout + ":\n" + Files.readString(output));
    }

    /** Ctrl-C / ./platform down: stops everything; returns the launcher's exit code. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (launcher.isAlive()) {
            launcher.destroy();
            if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
                launcher.destroyForcibly();
            }
        }
        run("down"); // reaps anything a failed test left behind
    }

    static void git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed: " + out);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static Path findRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("platform"))
                    && Files.isDirectory(directory.resolve("config-repo"))) {
                return directory;
            }
        }
        throw new IllegalStateException(
                "Cannot find the project root from " + Path.of("").toAbsolutePath());
    }
}
