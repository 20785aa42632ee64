package io.shopstack.infrastructure;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The running launcher's control socket ({@code <data>/run/control.sock}, owner-only Unix domain socket): lets
 * {@code ./platform infra stop|start <server>} take one server away and bring it back on the same port and data while
 * the services keep running — for failure drills and the end-to-end chaos suite. One request line per connection
 * ({@code stop kafka}), one reply line ({@code ok ...} or {@code error ...}).
 */
public final class ControlChannel implements AutoCloseable {

    private static final int MAX_LINE = 256;

    private final Path socket;
    private final ServerSocketChannel server;

    private ControlChannel(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /** Binds the socket and serves it on a daemon thread until {@link #close()}. */
    public static ControlChannel open(Path socket, EmbeddedInfrastructure infrastructure) throws IOException {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket); // left by a launcher that was killed; the launcher lock says it is gone
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        ControlChannel channel = new ControlChannel(socket, server);
        Thread thread = new Thread(() -> channel.serve(infrastructure), "shopstack-control");
        thread.setDaemon(true);
        thread.start();
        return channel;
    }

    /** Sends one command to a running launcher and returns its reply line. */
    public static String send(Path socket, String command) throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            client.shutdownOutput();
            return readLine(client);
        }
    }

    private void serve(EmbeddedInfrastructure infrastructure) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                String reply = handle(readLine(client), infrastructure);
                client.write(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    static String handle(String line, EmbeddedInfrastructure infrastructure) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length != 2 || !(words[0].equals("stop") || words[0].equals("start"))) {
            return "error usage: stop|start postgres|kafka|redis|zipkin";
        }
        Server server;
        try {
            server = Server.valueOf(words[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "error unknown server '" + words[1] + "' (postgres, kafka, redis, zipkin)";
        }
        if (words[0].equals("stop")) {
            if (!infrastructure.isRunning(server)) {
                return "ok " + server.displayName() + " was not running";
            }
            infrastructure.stop(server);
            return "ok " + server.displayName() + " stopped";
        }
        if (infrastructure.isAlive(server)) {
            return "ok " + server.displayName() + " is running";
        }
        try {
            long begin = System.nanoTime();
            infrastructure.start(EnumSet.of(server));
            return String.format(
                    Locale.ROOT, "ok %s started (%.1f s)", server.displayName(), (System.nanoTime() - begin) / 1e9);
        } catch (Exception e) {
            return "error starting " + server.displayName() + " failed: " + e.getMessage();
        }
    }

    private static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            if (buffer.position() > 0 && buffer.get(buffer.position() - 1) == '\n') {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // shutting down
        }
    }
}
