package io.shopstack.product;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog reads as docs/performance.md ("Catalog at scale") describes them: conditional requests, the search's
 * semantics, sorts with their tiebreak, and totals that are counted only up to a limit.
 */
class CatalogReadsTest extends ProductServiceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    long categoryId;

    @BeforeEach
    void category() throws Exception {
        var created = send(
                "POST",
                "/api/categories",
                ADMIN,
                "{\"name\":\"Reads " + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        categoryId = json.readTree(created.body()).get("id").asLong();
    }

    @Test
    void aProductHasAnETagThatAnswers304UntilTheProductChanges() throws Exception {
        long id = createProduct("Enamel mug", "9.90");

        var first = get("/api/products/" + id);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        var again = conditionalGet("/api/products/" + id, etag, null);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);

        assertThat(send("PUT", "/api/products/" + id + "/price", ADMIN, "{\"price\":\"8.90\",\"version\":0}")
                        .statusCode())
                .isEqualTo(200);
        var changed = conditionalGet("/api/products/" + id, etag, null);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("price").decimalValue()).isEqualByComparingTo("8.90");
        assertThat(changed.headers().firstValue("ETag"))
                .hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo(etag));
    }

    @Test
    void renamingTheCategoryChangesItsProductsETags() throws Exception {
        long id = createProduct("Linen towel", "20.00");
        String etag = get("/api/products/" + id).headers().firstValue("ETag").orElseThrow();
        var category = json.readTree(get("/api/categories/" + categoryId).body());
        assertThat(send(
                                "PUT",
                                "/api/categories/" + categoryId,
                                ADMIN,
                                "{\"name\":\"" + category.get("name").asString() + " renamed\",\"version\":"
                                        + category.get("version").asLong() + "}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(conditionalGet("/api/products/" + id, etag, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void authenticatedReadsAndListsWithInactiveProductsAreNotMarkedCacheable() throws Exception {
        long id = createProduct("Oak board", "25.00");
        var authenticated = conditionalGet("/api/products/" + id, null, CUSTOMER);
        assertThat(authenticated.statusCode()).isEqualTo(200);
        assertThat(authenticated.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        var inactiveIncluded =
                conditionalGet("/api/products?includeInactive=true&categoryId=" + categoryId, null, ADMIN);
        assertThat(inactiveIncluded.statusCode()).isEqualTo(200);
        assertThat(inactiveIncluded.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void onlyTheCatalogTeamListsInactiveProducts() throws Exception {
        for (String value : List.of("true", "TRUE", "on", "1", "yes")) {
            var anonymous = get("/api/products?includeInactive=" + value + "&categoryId=" + categoryId);
            assertThat(anonymous.statusCode()).as(value).isEqualTo(401);
            var customer = conditionalGet(
                    "/api/products?includeInactive=" + value + "&categoryId=" + categoryId, null, CUSTOMER);
            assertThat(customer.statusCode()).as(value).isEqualTo(403);
            assertThat(customer.body()).contains("\"code\"").doesNotContain("Oak");
        }
        assertThat(get("/api/products?includeInactive=false&categoryId=" + categoryId)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aListPageAnswers304UntilAProductOnItChanges() throws Exception {
        long id = createProduct("Glass vase", "40.00");
        createProduct("Clay vase", "30.00");
        String path = "/api/products?categoryId=" + categoryId;
        var first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(conditionalGet(path, etag, null).statusCode()).isEqualTo(304);

        assertThat(send("PUT", "/api/products/" + id + "/stock", ADMIN, "{\"stockQuantity\":3,\"version\":0}")
                        .statusCode())
                .isEqualTo(200);
        var changed = conditionalGet(path, etag, null);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag"))
                .hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo(etag));
        createProduct("Stone vase", "35.00");
        assertThat(conditionalGet(path, changed.headers().firstValue("ETag").orElseThrow(), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void searchIsACaseInsensitiveSubstringMatchWithWildcardsTakenLiterally() throws Exception {
        long mug = createProduct("Stoneware MUG", "9.90");
        long smuggler = createProduct("Smuggler's bag", "45.00");
        long cup = createProduct("Espresso cup", "12.50");
        long percent = createProduct("Shirt 100% cotton", "30.00");
        long digits = createProduct("Shirt 1000 cotton", "30.00");
        long underscore = createProduct("snake_case mug", "5.00");

        assertThat(search("mug")).containsExactlyInAnyOrder(mug, smuggler, underscore);
        assertThat(search("  Mug ")).containsExactlyInAnyOrder(mug, smuggler, underscore);
        assertThat(search("ug")).containsExactlyInAnyOrder(mug, smuggler, underscore); // shorter than a trigram
        assertThat(search("100%")).containsExactly(percent);
        assertThat(search("100")).containsExactlyInAnyOrder(percent, digits);
        assertThat(search("e_c")).containsExactly(underscore);
        assertThat(search("ESPRESSO CUP")).containsExactly(cup);
        assertThat(search("teapot")).isEmpty();
    }

    @Test
    void everySortOrdersByItsFieldThenByIdInTheSameDirection() throws Exception {
        long a = createProduct("Beta mug", "10.00");
        long b = createProduct("Alpha mug", "10.00");
        long c = createProduct("Gamma mug", "5.00");

        assertThat(ids("sort=price,asc")).containsExactly(c, a, b);
        assertThat(ids("sort=price,desc")).containsExactly(b, a, c);
        assertThat(ids("sort=name,asc")).containsExactly(b, a, c);
        assertThat(ids("sort=name,desc")).containsExactly(c, a, b);
        assertThat(ids("sort=createdAt,asc")).containsExactly(a, b, c);
        assertThat(ids("sort=createdAt,desc")).containsExactly(c, b, a);
        assertThat(ids("sort=id,desc")).containsExactly(c, b, a);
        assertThat(ids("sort=id")).containsExactly(a, b, c);
        // A search sorted by another field takes its matches first, then sorts them: same order.
        assertThat(ids("q=MUG&sort=price,desc")).containsExactly(b, a, c);
        assertThat(ids("q=mug&sort=name,asc")).containsExactly(b, a, c);
        assertThat(ids("q=mug&sort=createdAt,desc")).containsExactly(c, b, a);
        assertThat(ids("q=mu&sort=price,asc")).containsExactly(c, a, b);
    }

    @Test
    void totalsAreExactUpToTheLimitAndALowerBoundBeyond() throws Exception {
        createProduct("Single", "1.00");
        var small = json.readTree(get("/api/products?categoryId=" + categoryId).body());
        assertThat(small.get("totalElements").asLong()).isEqualTo(1);
        assertThat(small.get("totalExact").asBoolean()).isTrue();
        assertThat(small.get("hasNext").asBoolean()).isFalse();
        assertThat(small.get("totalPages").asInt()).isEqualTo(1);

        // 300 more, straight into the table (as `./platform catalog generate` does): past the counting limit of 200.
        jdbc.update("""
                INSERT INTO products (name, price, currency, stock_quantity, active, category_id, category_name)
                SELECT 'Bulk item ' || g, 1.00 + g / 100.0, 'EUR', 1, true, ?, 'bulk' FROM generate_series(1, 300) g""", categoryId);
        var first = json.readTree(
                get("/api/products?size=20&categoryId=" + categoryId).body());
        assertThat(first.get("content").size()).isEqualTo(20);
        assertThat(first.get("totalExact").asBoolean()).isFalse();
        assertThat(first.get("totalElements").asLong()).isEqualTo(200);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        assertThat(first.get("totalPages").asInt()).isEqualTo(10);

        // Past the limit: at least the pages known to exist.
        var deep = json.readTree(
                get("/api/products?size=20&page=12&categoryId=" + categoryId).body());
        assertThat(deep.get("totalExact").asBoolean()).isFalse();
        assertThat(deep.get("hasNext").asBoolean()).isTrue();
        assertThat(deep.get("totalElements").asLong()).isGreaterThanOrEqualTo(13 * 20);
        assertThat(deep.get("totalPages").asInt()).isGreaterThanOrEqualTo(14);

        // The last page: the count reaches past it, so the total is exact again.
        var last = json.readTree(
                get("/api/products?size=20&page=15&categoryId=" + categoryId).body());
        assertThat(last.get("content").size()).isEqualTo(1);
        assertThat(last.get("totalExact").asBoolean()).isTrue();
        assertThat(last.get("totalElements").asLong()).isEqualTo(301);
        assertThat(last.get("totalPages").asInt()).isEqualTo(16);
        assertThat(last.get("hasNext").asBoolean()).isFalse();

        // A page past the end: empty, with the exact total.
        var beyond = json.readTree(
                get("/api/products?size=20&page=40&categoryId=" + categoryId).body());
        assertThat(beyond.get("content").size()).isZero();
        assertThat(beyond.get("totalElements").asLong()).isEqualTo(301);
        assertThat(beyond.get("totalExact").asBoolean()).isTrue();
    }

    @Test
    void aSearchCountsNoFurtherThanItsPage() throws Exception {
        jdbc.update("""
                INSERT INTO products (name, price, currency, stock_quantity, active, category_id, category_name)
                SELECT 'Bulk mug ' || g, 2.00, 'EUR', 1, true, ?, 'bulk' FROM generate_series(1, 25) g""", categoryId);
        var first = json.readTree(
                get("/api/products?size=20&q=mug&categoryId=" + categoryId).body());
        assertThat(first.get("content").size()).isEqualTo(20);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        assertThat(first.get("totalExact").asBoolean()).isFalse();
        assertThat(first.get("totalElements").asLong()).isEqualTo(20);
        assertThat(first.get("totalPages").asInt()).isEqualTo(2);

        var last = json.readTree(get("/api/products?size=20&page=1&q=mug&categoryId=" + categoryId)
                .body());
        assertThat(last.get("content").size()).isEqualTo(5);
        assertThat(last.get("hasNext").asBoolean()).isFalse();
        assertThat(last.get("totalExact").asBoolean()).isTrue();
        assertThat(last.get("totalElements").asLong()).isEqualTo(25);

        var beyond = json.readTree(get("/api/products?size=20&page=3&q=mug&categoryId=" + categoryId)
                .body());
        assertThat(beyond.get("content").size()).isZero();
        assertThat(beyond.get("hasNext").asBoolean()).isFalse();
    }

    @Test
    void theSearchExpressionIsServedByTheTrigramIndex() {
        // With sequential scans priced out, PostgreSQL uses the index only if it matches the query's expression.
        List<String> plan = jdbc.execute((java.sql.Connection connection) -> {
            List<String> lines = new ArrayList<>();
            try (var statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                try (var result = statement.executeQuery(
                        "EXPLAIN SELECT id FROM products WHERE lower(name) LIKE '%mug%' ESCAPE '\\' AND active")) {
                    while (result.next()) {
                        lines.add(result.getString(1));
                    }
                }
                statement.execute("RESET enable_seqscan");
            }
            return lines;
        });
        assertThat(String.join("\n", plan)).contains("products_name_trgm");
    }

    private List<Long> search(String term) throws Exception {
        return ids("q=" + java.net.URLEncoder.encode(term, java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<Long> ids(String query) throws Exception {
        var response = get("/api/products?size=100&categoryId=" + categoryId + "&" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode product : json.readTree(response.body()).get("content")) {
            ids.add(product.get("id").asLong());
        }
        return ids;
    }

    private HttpResponse<String> conditionalGet(String path, String ifNoneMatch, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long createProduct(String name, String price) throws Exception {
        var created = send("POST", "/api/products", ADMIN, """
                {"name":"%s","price":"%s","stockQuantity":10,"categoryId":%d}""".formatted(name, price, categoryId));
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }
}
