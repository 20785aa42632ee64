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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis server as a child process: the system's {@code redis-server} when one is on the PATH, otherwise the
 * Redis 6.2 binary bundled in embedded-redis. Bound to loopback unless network mode opens it, then usually with a
 * password; no persistence (Redis holds caches and rate-limit counters, both rebuilt on demand).
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
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        // The password goes in an owner-only config file: a command-line argument would show in every `ps`.
        Path passwordFile = directory.resolve("shopstack-auth.conf");
        Files.deleteIfExists(passwordFile);
        Optional<String> password = settings.network().redisPasswordIfSet();
        if (password.isPresent()) {
            Files.createFile(
                    passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, "requirepass " + quoted(password.get()) + "\n", StandardCharsets.UTF_8);
            command.add(passwordFile.toString());
        }
        command.addAll(List.of("--port", String.valueOf(settings.redisPort()), "--bind"));
        command.addAll(settings.network().listenAddresses());
        command.addAll(List.of("--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
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

    /** PING (after AUTH when a password is set) over loopback: PONG means ready. */
    private boolean ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), settings.redisPort())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            Optional<String> password = settings.network().redisPasswordIfSet();
            if (password.isPresent()) {
                out.write(command("AUTH", password.get()));
            }
            out.write(command("PING"));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            String reply = "";
            while (!reply.contains("+PONG")) {
                if (reply.startsWith("-") || reply.contains("\n-") || reply.length() > 256) {
                    return false; // an error such as a wrong password or LOADING
                }
                int read = in.read(buffer);
                if (read < 0) {
                    return false;
                }
                reply += new String(buffer, 0, read, StandardCharsets.US_ASCII);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One command in RESP, so that any password (spaces, quotes) passes as one argument. */
    private static byte[] command(String... arguments) {
        StringBuilder resp = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            resp.append('$')
                    .append(argument.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(argument)
                    .append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A double-quoted redis.conf string; backslash and quote escaped. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String address() {
        return NetworkExposure.hostForUrl(settings.network().bindAddress()) + ":" + settings.redisPort();
    }
}
