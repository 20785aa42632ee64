package io.shopstack.infrastructure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real Zipkin server (in-memory storage) as a child JVM with an explicit heap. */
final class ZipkinServer implements ManagedServer {

    static final String JAR_PROPERTY = "shopstack.zipkin.jar";
    private static final int SPANS_PER_HEAP_MB = 100;
    private static final Path JAR_IN_BUILD = Path.of("infrastructure", "target", "zipkin", "zipkin-server.jar");

    private final InfrastructureSettings settings;
    private final ProcessRegistry registry;
    private Process process;

    ZipkinServer(InfrastructureSettings settings, ProcessRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public Server kind() {
        return Server.ZIPKIN;
    }

    @Override
    public void start() throws Exception {
        Ports.requireFree(settings.zipkinPort(), "Zipkin", settings.portSetting("zipkin"));
        Path jar = locateJar();
        Path log = Files.createDirectories(settings.directory("logs")).resolve("zipkin.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms32m", // grows with the spans it stores, up to -Xmx (the store is sized to it)
                "-Xmx" + settings.zipkinHeapMb() + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        // Loopback unless the bind address opens it, like the services; loopback stays for the health check below
        // (the port list replaces Zipkin's own, so it names port and protocol too).
        List<String> addresses = settings.network().listenAddresses();
        for (int i = 0; i < addresses.size(); i++) {
            command.add("--armeria.ports[%d].ip=%s".formatted(i, addresses.get(i)));
            command.add("--armeria.ports[%d].port=%d".formatted(i, settings.zipkinPort()));
            command.add("--armeria.ports[%d].protocols=http".formatted(i));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("STORAGE_TYPE", "mem");
        builder.environment().put("QUERY_PORT", String.valueOf(settings.zipkinPort()));
        builder.environment().put("MEM_MAX_SPANS", String.valueOf(maxSpans(settings.zipkinHeapMb())));
        process = builder.start();
        registry.register("zipkin", process.toHandle());
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Await.until("Zipkin on " + url(), Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + "; see " + log);
            }
            return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /**
     * How many spans the in-memory store keeps before it drops the oldest traces: sized to the heap. A span of these
     * services costs about 2.7 KB of Zipkin 3.5's heap (its indexes included). With 200 000 spans (Zipkin's default is
     * 500 000) a 256 MB heap was full after ~100 000 spans and Zipkin spent its time in full collections until it died;
     * with 100 spans per MB of heap the full store is about 70 MB, a third of the heap (measured: docs/performance.md,
     * "At rest").
     */
    static int maxSpans(int heapMb) {
        return heapMb * SPANS_PER_HEAP_MB;
    }

    /** The exec jar copied into infrastructure/target/zipkin by the build. */
    static Path locateJar() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(JAR_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv("SHOPSTACK_ZIPKIN_JAR")))
                .map(Path::of);
        if (configured.isPresent()) {
            return requireFile(configured.get());
        }
        try {
            // target/classes or target/infrastructure.jar -> target/zipkin/zipkin-server.jar
            Path codeSource = Path.of(ZipkinServer.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path besideBuild = codeSource.getParent().resolve("zipkin").resolve("zipkin-server.jar");
            if (Files.isRegularFile(besideBuild)) {
                return besideBuild;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the search from the working directory
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(JAR_IN_BUILD);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Zipkin server jar not found: build the project (./mvnw package) or set -D"
                + JAR_PROPERTY + "=<path to zipkin-server-exec.jar>");
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Zipkin server jar " + jar + " does not exist");
        }
        return jar;
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        ProcessRegistry.terminate(process.toHandle(), Duration.ofSeconds(10));
        registry.unregister("zipkin");
        process = null;
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String address() {
        return url();
    }

    String url() {
        return "http://127.0.0.1:" + settings.zipkinPort();
    }
}
