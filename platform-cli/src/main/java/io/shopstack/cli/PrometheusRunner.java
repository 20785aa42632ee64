package io.shopstack.cli;

import io.shopstack.infrastructure.ProcessRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts Prometheus (a system binary: not every machine has one) with shopstack's configuration rendered for the
 * actual ports, or says how to get it. Recorded like the other children, so {@code down} and a later {@code up} stop it.
 */
public final class PrometheusRunner {

    static final int DEFAULT_PORT = 9091; // 9090 is the admin dashboard
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private final PlatformPaths paths;
    private final ProcessRegistry registry;

    public PrometheusRunner(PlatformPaths paths) {
        this.paths = paths;
        this.registry = new ProcessRegistry(paths.state().resolve("run").resolve("extras.pids"));
    }

    public void reapLeftovers() {
        registry.reapLeftovers(message -> System.out.println("  " + message));
    }

    /** Returns the URL Prometheus answers on, or empty when no binary is installed. */
    public Optional<String> start(Map<String, String> variables) throws IOException {
        Optional<Path> binary = onPath("prometheus");
        if (binary.isEmpty()) {
            System.out.println(
                    "  prometheus       not started: no `prometheus` on the PATH (Debian: apt install prometheus);"
                            + " configuration in observability/prometheus/");
            return Optional.empty();
        }
        int port = Integer.parseInt(variables.getOrDefault("PROMETHEUS_PORT", String.valueOf(DEFAULT_PORT)));
        Path directory = Files.createDirectories(paths.state().resolve("prometheus"));
        for (String file : List.of("prometheus.yml", "alerts.yml")) {
            String template = Files.readString(
                    paths.root().resolve("observability/prometheus").resolve(file));
            Files.writeString(directory.resolve(file), render(template, variables));
        }
        Path log = Files.createDirectories(paths.logs()).resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.get().toString(),
                        "--config.file=" + directory.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        registry.register("prometheus", process.toHandle());
        return Optional.of("http://localhost:" + port);
    }

    public void stop() {
        registry.reapLeftovers(message -> {});
    }

    static String render(String template, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(
                        "No value for ${" + matcher.group(1) + "} in the Prometheus configuration");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    private static Optional<Path> onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
