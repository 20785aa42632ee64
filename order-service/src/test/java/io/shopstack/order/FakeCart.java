package io.shopstack.order;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP double of cart-service's {@code GET /api/v1/cart}: the cart of the token's subject, as set by the test.
 * order-service reaches it through the load balancer (a simple discovery instance of {@code cart-service}).
 */
final class FakeCart implements AutoCloseable {

    record Item(long productId, int quantity, boolean unavailable, String unavailableReason) {

        Item(long productId, int quantity, boolean unavailable) {
            this(productId, quantity, unavailable, unavailable ? "DELETED" : null);
        }
    }

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, List<Item>> carts = new ConcurrentHashMap<>();

    private FakeCart() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/cart", this::handle);
        server.start();
    }

    static FakeCart start() {
        try {
            return new FakeCart();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String user, Item... items) {
        carts.put(user, List.of(items));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        String payload = authorization.substring(7).split("\\.")[1];
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(payload));
        List<Item> items = carts.getOrDefault(claims.get("sub").asString(), List.of());
        byte[] body = json.writeValueAsString(Map.of(
                        "items", items, "hasUnavailableItems", items.stream().anyMatch(Item::unavailable)))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
