package io.shopstack.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-level smoke steps the README lists for the cart: health checks, the product list, the cart with a bearer
 * token, and a {@code category.updated} event over {@code POST /internal/events}. Each internal endpoint needs its purpose
 * scope (health: metrics:read; events: catalog:events, product-service only).
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuideStepsTest extends PlatformTest {

    @Test
    @Order(1)
    void step2HealthEndpoints() throws Exception {
        assertThat(get(PRODUCT, "/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(get(CART, "/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(get(CART, "/internal/health", null).statusCode())
                .as("internal without a token")
                .isEqualTo(401);
        var internal = get(CART, "/internal/health", monitorToken());
        assertThat(internal.statusCode()).as(internal.body()).isEqualTo(200);
        assertThat(internal.body()).contains("\"database\":{\"status\":\"UP\"}", "\"productService\"");
    }

    @Test
    @Order(2)
    void step3ProductListAndTheCartWithABearerToken() throws Exception {
        var catalog = get(PRODUCT, "/api/products", null);
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).contains("\"totalElements\":36"); // the local profile's demo catalog
        assertThat(get(CART, "/api/v1/cart", null).statusCode()).isEqualTo(401);
        var cart = get(CART, "/api/v1/cart", userToken("bob"));
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
        assertThat(cart.body()).contains("\"items\":[");
    }

    @Test
    @Order(3)
    void step4TheCategoryUpdatedEventRenamesTheCategoryInStoredCartLines() throws Exception {
        var product = products().getFirst();
        var added = call(
                "POST",
                CART,
                "/api/v1/cart/items",
                userToken("bob"),
                "{\"productId\":" + product.id() + ",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
        String renamed = "Renamed by the guide's event " + System.nanoTime();
        String event = """
                {"event_type":"category.updated","payload":{"category_id":%d,"name":"%s"},"timestamp":%d}""".formatted(product.categoryId(), renamed, System.currentTimeMillis() / 1000);
        assertThat(call("POST", CART, "/internal/events", null, event).statusCode())
                .as("without a token")
                .isEqualTo(401);
        var accepted = call("POST", CART, "/internal/events", catalogEventsToken(), event);
        assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 299);
        // The cart prices from the live catalog (not renamed); the event renamed the cart's own snapshots, which it
        // shows whenever the catalog cannot answer.
        List<Object> names = new ArrayList<>();
        for (var row : query(
                "cart", "select distinct category_name from cart_items where category_id = ?", product.categoryId())) {
            names.add(row.get("category_name"));
        }
        assertThat(names).containsExactly(renamed);
    }
}
