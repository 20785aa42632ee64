package io.shopstack.cart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP double of product-service's read API ({@code GET /api/products/{id}}, {@code /api/products/batch?ids=},
 * {@code GET /api/categories/{id}}),
 * with faults: answering 500, answering slowly. The cart reaches it through the load balancer (a simple discovery
 * instance of {@code product-service}).
 */
final class FakeCatalog implements AutoCloseable {

    enum Mode {
        UP,
        ERROR,
        SLOW
    }

    private static final AtomicLong ids = new AtomicLong(1000);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Long, Map<String, Object>> products = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> categories = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** The Authorization header of every request, in order ("" when it had none). */
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile Mode mode = Mode.UP;
    private volatile Duration delay = Duration.ZERO;

    private FakeCatalog() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/api/products/", this::handle);
        server.createContext("/api/categories/", this::handle);
        server.start();
    }

    static FakeCatalog start() {
        try {
            return new FakeCatalog();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new product (fresh id), active, version 0. */
    long create(String name, String price, int stock) {
        return create(name, price, "EUR", stock, 3L, "Kitchen");
    }

    long create(String name, String price, String currency, int stock, Long categoryId, String categoryName) {
        long id = ids.incrementAndGet();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id);
        product.put("name", name);
        product.put("description", "A " + name);
        product.put("price", new BigDecimal(price));
        product.put("currency", currency);
        product.put("stockQuantity", stock);
        product.put("active", true);
        product.put("categoryId", categoryId);
        product.put("categoryName", categoryName);
        product.put("version", 0L);
        product.put("createdAt", Instant.now().toString());
        product.put("updatedAt", Instant.now().toString());
        products.put(id, product);
        if (categoryId != null) {
            categories.computeIfAbsent(categoryId, key -> {
                Map<String, Object> category = new LinkedHashMap<>();
                category.put("id", key);
                category.put("name", categoryName);
                category.put("version", 0L);
                return category;
            });
        }
        return id;
    }

    /** Renames a category and bumps its version, as product-service would (not its products). Returns the version. */
    long renameCategory(long id, String name) {
        Map<String, Object> category = categories.get(id);
        category.put("name", name);
        long version = (long) category.get("version") + 1;
        category.put("version", version);
        return version;
    }

    /** Changes a field and bumps the version, as product-service would. Returns the new version. */
    long change(long id, String field, Object value) {
        Map<String, Object> product = products.get(id);
        product.put(field, value instanceof String s && field.equals("price") ? new BigDecimal(s) : value);
        long version = (long) product.get("version") + 1;
        product.put("version", version);
        return version;
    }

    long version(long id) {
        return (long) products.get(id).get("version");
    }

    void delete(long id) {
        products.remove(id);
    }

    void up() {
        mode = Mode.UP;
        delay = Duration.ZERO;
    }

    void failWith500() {
        mode = Mode.ERROR;
    }

    void slow(Duration delay) {
        this.delay = delay;
        mode = Mode.SLOW;
    }

    int requests() {
        return requests.get();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        try (exchange) {
            if (mode == Mode.ERROR) {
                respond(exchange, 500, "{\"status\":500,\"title\":\"Internal error\"}");
                return;
            }
            if (mode == Mode.SLOW) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/products/batch")) {
                String query = exchange.getRequestURI().getRawQuery();
                String idList = URLDecoder.decode(query.substring(query.indexOf("ids=") + 4), StandardCharsets.UTF_8);
                List<Map<String, Object>> found = new ArrayList<>();
                for (String id : idList.split(",")) {
                    Map<String, Object> product = products.get(Long.parseLong(id.strip()));
                    if (product != null) {
                        found.add(product);
                    }
                }
                respond(exchange, 200, json.writeValueAsString(found));
                return;
            }
            if (path.startsWith("/api/categories/")) {
                Map<String, Object> category =
                        categories.get(Long.parseLong(path.substring("/api/categories/".length())));
                if (category == null) {
                    respond(exchange, 404, "{\"status\":404,\"title\":\"Not found\"}");
                } else {
                    respond(exchange, 200, json.writeValueAsString(category));
                }
                return;
            }
            Map<String, Object> product = products.get(Long.parseLong(path.substring("/api/products/".length())));
            if (product == null) {
                respond(exchange, 404, "{\"status\":404,\"title\":\"Not found\"}");
            } else {
                respond(exchange, 200, json.writeValueAsString(product));
            }
        } catch (IOException e) {
            // the client gave up (time limiter): nothing to do
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
