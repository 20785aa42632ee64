package io.shopstack.product;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogApiTest extends ProductServiceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    long categoryId;
    String categoryName;

    @BeforeEach
    void category() throws Exception {
        categoryName = "Kitchen " + UUID.randomUUID().toString().substring(0, 8);
        var created = send("POST", "/api/categories", ADMIN, "{\"name\":\"" + categoryName + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        categoryId = json.readTree(created.body()).get("id").asLong();
    }

    @Test
    void createReadListUpdateAndDeleteAProduct() throws Exception {
        var created = send("POST", "/api/products", ADMIN, """
                {"name":"Espresso cup","description":"Porcelain","price":"12.50","currency":"EUR","stockQuantity":7,"categoryId":%d}""".formatted(categoryId));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode product = json.readTree(created.body());
        long id = product.get("id").asLong();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/products/" + id));
        assertThat(product.get("categoryName").asString()).isEqualTo(categoryName);
        assertThat(product.get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(product.get("version").asLong()).isZero();

        assertThat(get("/api/products/" + id).body()).contains("Espresso cup");
        var page = json.readTree(get("/api/products?categoryId=" + categoryId + "&q=ESPRESSO&sort=price,desc")
                .body());
        assertThat(page.get("totalElements").asLong()).isEqualTo(1);
        assertThat(page.get("content").get(0).get("id").asLong()).isEqualTo(id);

        var batch = json.readTree(
                get("/api/products/batch?ids=" + id + ",999999999").body());
        assertThat(batch.size()).isEqualTo(1);

        var patched = send("PATCH", "/api/products/" + id, ADMIN, "{\"name\":\"Espresso cup, white\",\"version\":0}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json.readTree(patched.body()).get("version").asLong()).isEqualTo(1);

        var repriced = send("PUT", "/api/products/" + id + "/price", ADMIN, "{\"price\":\"11.90\",\"version\":1}");
        assertThat(repriced.statusCode()).isEqualTo(200);
        assertThat(json.readTree(repriced.body()).get("price").decimalValue()).isEqualByComparingTo("11.90");

        assertThat(send("PUT", "/api/products/" + id + "/stock", ADMIN, "{\"stockQuantity\":0,\"version\":2}")
                        .statusCode())
                .isEqualTo(200);

        assertThat(send("DELETE", "/api/products/" + id, ADMIN, null).statusCode())
                .isEqualTo(204);
        var gone = get("/api/products/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
        long id = createProduct("Teapot", "30.00");
        assertThat(send("PUT", "/api/products/" + id + "/price", ADMIN, "{\"price\":\"25.00\",\"version\":0}")
                        .statusCode())
                .isEqualTo(200);

        var stale = send("PUT", "/api/products/" + id + "/price", ADMIN, "{\"price\":\"20.00\",\"version\":0}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("\"status\":409");
        assertThat(json.readTree(get("/api/products/" + id).body()).get("price").decimalValue())
                .isEqualByComparingTo("25.00");
        assertThat(outboxRows(id)).isEqualTo(2); // created + one price change; nothing for the rejected one
    }

    @Test
    void invalidInputIsA400WithFieldErrorsAndWritesNothing() throws Exception {
        long before = jdbc.queryForObject("select count(*) from products", Long.class);
        long outboxBefore = jdbc.queryForObject("select count(*) from outbox_events", Long.class);
        Map<String, String> invalid = Map.of(
                "negative price", "{\"name\":\"X\",\"price\":\"-1.00\",\"stockQuantity\":1}",
                "empty name", "{\"name\":\"  \",\"price\":\"1.00\",\"stockQuantity\":1}",
                "unknown category", "{\"name\":\"X\",\"price\":\"1.00\",\"stockQuantity\":1,\"categoryId\":987654321}",
                "oversize name", "{\"name\":\"" + "x".repeat(201) + "\",\"price\":\"1.00\",\"stockQuantity\":1}",
                "too many decimals", "{\"name\":\"X\",\"price\":\"1.001\",\"stockQuantity\":1}",
                "bad currency", "{\"name\":\"X\",\"price\":\"1.00\",\"currency\":\"euro\",\"stockQuantity\":1}",
                "negative stock", "{\"name\":\"X\",\"price\":\"1.00\",\"stockQuantity\":-5}",
                "malformed JSON", "{\"name\":\"X\",\"price\":",
                "wrong type", "{\"name\":\"X\",\"price\":\"cheap\",\"stockQuantity\":1}");
        for (var entry : invalid.entrySet()) {
            HttpResponse<String> response = send("POST", "/api/products", ADMIN, entry.getValue());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(entry.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body())
                    .as(entry.getKey())
                    .doesNotContain("Exception")
                    .doesNotContain("at io.");
        }
        assertThat(send("POST", "/api/products", ADMIN, invalid.get("unknown category"))
                        .body())
                .contains("categoryId");
        assertThat(send("POST", "/api/products", ADMIN, invalid.get("negative price"))
                        .body())
                .contains("\"price\"");
        assertThat(jdbc.queryForObject("select count(*) from products", Long.class))
                .isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from outbox_events", Long.class))
                .isEqualTo(outboxBefore);

        assertThat(get("/api/products?size=1000").statusCode()).isEqualTo(400);
        assertThat(get("/api/products?sort=password").statusCode()).isEqualTo(400);
        assertThat(get("/api/products/batch?ids=" + "1,".repeat(101) + "1").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/products/not-a-number").statusCode()).isEqualTo(400);
    }

    @Test
    void readsArePublicAndWritesNeedTheWriteScope() throws Exception {
        String body = "{\"name\":\"Saucer\",\"price\":\"3.00\",\"stockQuantity\":1}";
        assertThat(get("/api/products").statusCode()).isEqualTo(200);
        assertThat(get("/api/categories").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/products", null, body).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/products", CUSTOMER, body).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/categories/" + categoryId, CUSTOMER, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/health").body()).contains("UP");
        assertThat(get("/v3/api-docs").body()).contains("/api/products/{id}");
    }

    @Test
    void renamingACategoryRenamesItInItsProductsInTheSameTransaction() throws Exception {
        long first = createProduct("Fork", "2.00");
        long second = createProduct("Knife", "2.50");
        var category = json.readTree(get("/api/categories/" + categoryId).body());
        var renamed = send(
                "PUT",
                "/api/categories/" + categoryId,
                ADMIN,
                "{\"name\":\"" + categoryName + " & Dining\",\"version\":"
                        + category.get("version").asLong() + "}");
        assertThat(renamed.statusCode()).isEqualTo(200);
        for (long id : new long[] {first, second}) {
            var product = json.readTree(get("/api/products/" + id).body());
            assertThat(product.get("categoryName").asString()).isEqualTo(categoryName + " & Dining");
            assertThat(product.get("version").asLong()).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_events where event_type = 'category.updated' and aggregate_id = ?",
                        Long.class,
                        String.valueOf(categoryId)))
                .isEqualTo(1);

        assertThat(send("DELETE", "/api/categories/" + categoryId, ADMIN, null).statusCode())
                .isEqualTo(204);
        var uncategorised = json.readTree(get("/api/products/" + first).body());
        assertThat(uncategorised.get("categoryId").isNull()).isTrue();
        assertThat(uncategorised.get("categoryName").isNull()).isTrue();
    }

    @Test
    void categoryNamesAreUnique() throws Exception {
        var duplicate = send("POST", "/api/categories", ADMIN, "{\"name\":\"" + categoryName.toUpperCase() + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    long createProduct(String name, String price) throws Exception {
        var created = send("POST", "/api/products", ADMIN, """
                {"name":"%s","price":"%s","stockQuantity":10,"categoryId":%d}""".formatted(name, price, categoryId));
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private long outboxRows(long productId) {
        return jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_type = 'product' and aggregate_id = ?",
                Long.class,
                String.valueOf(productId));
    }
}
