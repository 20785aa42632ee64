package io.shopstack.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A downstream service for tests: a real HTTP server on a free port that records every request that reaches it and
 * answers 200 with a small JSON body ({@code /slow} paths answer after 5 s, {@code /unavailable} paths 503 as a service
 * answers its own outage, {@code /held} paths once {@link #release()} is called after {@link #hold()}).
 */
final class StubService implements AutoCloseable {

    /** {@code body}: the body as UTF-8 text, if it is at most 64 KB (else null). */
    record Received(
            String method, String path, String query, Map<String, List<String>> headers, int bodyLength, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private final String name;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    StubService(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(
                        entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestURI().getRawQuery(),
                headers,
                body.length,
                body.length <= 64 * 1024 ? new String(body, StandardCharsets.UTF_8) : null));
        if (path.contains("/slow")) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.contains("/held")) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean unavailable = path.contains("/unavailable");
        byte[] response = ("{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", unavailable ? "application/problem+json" : "application/json");
        try {
            exchange.sendResponseHeaders(unavailable ? 503 : 200, response.length);
            exchange.getResponseBody().write(response);
        } catch (IOException e) {
            // the gateway gave up (timeout test): nothing to answer to
        } finally {
            exchange.close();
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void clear() {
        received.clear();
    }

    /** From now on requests to {@code /held} paths wait (at most 30 s) until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
