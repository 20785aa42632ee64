package io.shopstack.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis server as a child process: the system's {@code redis-server} when one is on the PATH, otherwise the
 * Redis 6.2 binary bundled in embedded-redis. Bound to loopback only; no persistence (Redis holds caches and
 * rate-limit counters, both rebuilt on demand).
 */
final class RedisServer implements ManagedServer {

    private final InfrastructureSettings settings;
    private final ProcessRegistry registry;
    private Process process;

    RedisServer(InfrastructureSettings settings, ProcessRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public Server kind() {
        return Server.REDIS;
    }

    @Override
    public void start() throws Exception {
        Ports.requireFree(settings.redisPort(), "Redis", settings.portSetting("redis"));
        Path directory = Files.createDirectories(settings.directory("redis"));
        Path log = Files.createDirectories(settings.directory("logs")).resolve("redis.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        binary().toString(),
                        "--port",
                        String.valueOf(settings.redisPort()),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no",
                        "--dir",
                        directory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        registry.register("redis", process.toHandle());
        Await.until("Redis on " + address(), Duration.ofSeconds(15), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + log);
            }
            return ping();
        });
    }

    private boolean ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), settings.redisPort())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static Path binary() throws IOException {
        Optional<Path> system = onPath("redis-server");
        if (system.isPresent()) {
            return system.get();
        }
        String resource = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default ->
                throw new IllegalStateException(
                        "No bundled Redis for " + System.getProperty("os.arch") + "; install redis-server on the PATH");
        };
        // Per user: a binary extracted by root is not executable (or replaceable) by anyone else.
        Path target = Path.of(
                System.getProperty("java.io.tmpdir"), "shopstack-bin-" + System.getProperty("user.name"), resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), resource, ".tmp");
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled Redis binary " + resource + " not found on the classpath");
            }
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        temp.toFile().setExecutable(true);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        ProcessRegistry.terminate(process.toHandle(), Duration.ofSeconds(5));
        registry.unregister("redis");
        process = null;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + settings.redisPort();
    }
}
