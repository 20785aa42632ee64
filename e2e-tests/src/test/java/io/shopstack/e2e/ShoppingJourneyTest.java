package io.shopstack.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a shopper and an admin do, all through the gateway: the happy path, then catalog changes reaching the cart. */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShoppingJourneyTest extends PlatformTest {

    /** How soon a catalog change must show in carts (the promise). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);

    @Test
    @Order(1)
    void browseAddApplyPromoChangeQuantityWishlistAndTheTotalsAreRight() throws Exception {
        String alice = userToken("alice");
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", alice, null).statusCode())
                .isEqualTo(204);

        // Browse: the catalog through the gateway, anonymously.
        var page = get(GATEWAY, "/api/products?size=5&sort=price,asc", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json(page, "$.content.length()").toString()).isEqualTo("5");
        List<ProductRef> catalog =
                products().stream().filter(p -> p.stock() >= 10).toList();
        ProductRef first = catalog.get(2);
        ProductRef second = catalog.get(3);
        ProductRef wished = catalog.get(4);
        assertThat(get(GATEWAY, "/api/products/" + first.id(), null).body())
                .contains("\"name\":\"" + first.name() + "\"");

        // Add to the cart (adding the same product again increments).
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", alice, item(first.id(), 1))
                        .statusCode())
                .isIn(200, 201);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", alice, item(first.id(), 1))
                        .statusCode())
                .isIn(200, 201);
        var cart = call("POST", GATEWAY, "/api/v1/cart/items", alice, item(second.id(), 1));
        assertThat(cart.statusCode()).as(cart.body()).isIn(200, 201);
        cart = get(GATEWAY, "/api/v1/cart", alice);
        assertThat(quantityOf(cart, first.id())).isEqualTo(2);

        // A promo code (created by an operator, directly at cart-service's internal API), applied by the shopper.
        String code = percentPromoCode("E2E", 15, "e2e");
        var applied = call("POST", GATEWAY, "/api/v1/cart/promo", alice, "{\"code\":\"" + code.toLowerCase() + "\"}");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

        // Change a quantity.
        long secondLine = lineId(cart, second.id());
        var changed = call("PATCH", GATEWAY, "/api/v1/cart/items/" + secondLine, alice, "{\"quantity\":3}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        // Wishlist: add, then move to the cart.
        var wish = call("POST", GATEWAY, "/api/v1/wishlist/items", alice, "{\"productId\":" + wished.id() + "}");
        assertThat(wish.statusCode()).as(wish.body()).isEqualTo(201);
        var wishlist = get(GATEWAY, "/api/v1/wishlist", alice);
        assertThat(wishlist.body()).contains("\"productId\":" + wished.id());
        long wishId = ((Number) json(wishlist, "$.items[?(@.productId == " + wished.id() + ")].id", 0)).longValue();
        var moved =
                call("POST", GATEWAY, "/api/v1/wishlist/items/" + wishId + "/move-to-cart", alice, "{\"quantity\":1}");
        assertThat(moved.statusCode()).as(moved.body()).isIn(200, 201);
        assertThat(get(GATEWAY, "/api/v1/wishlist", alice).body()).doesNotContain("\"productId\":" + wished.id() + ",");

        // Totals from the catalog's prices: 2 x first + 3 x second + 1 x wished, minus 15 %.
        cart = get(GATEWAY, "/api/v1/cart", alice);
        assertThat(cart.statusCode()).isEqualTo(200);
        BigDecimal subtotal = new BigDecimal(first.price())
                .multiply(BigDecimal.valueOf(2))
                .add(new BigDecimal(second.price()).multiply(BigDecimal.valueOf(3)))
                .add(new BigDecimal(wished.price()));
        BigDecimal discount =
                subtotal.multiply(BigDecimal.valueOf(15)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        assertThat(decimal(cart, "$.subtotal")).isEqualByComparingTo(subtotal);
        assertThat(decimal(cart, "$.discount")).isEqualByComparingTo(discount);
        assertThat(decimal(cart, "$.total")).isEqualByComparingTo(subtotal.subtract(discount));
        assertThat(json(cart, "$.totalQuantity").toString()).isEqualTo("6");
        assertThat(json(cart, "$.promo.code").toString()).isEqualTo(code);
        assertThat((Boolean) json(cart, "$.promo.applicable")).isTrue();
        Scenarios.note("subtotal " + subtotal + ", total " + subtotal.subtract(discount));
    }

    @Test
    @Order(2)
    void anAdminsPriceNameAndCategoryChangesShowInTheCartWithinOneSecondAndADeleteMakesTheItemUnavailable()
            throws Exception {
        String alice = userToken("alice");
        String admin = userToken("admin");
        ProductRef product = products().stream()
                .filter(p -> p.stock() >= 10 && p.categoryId() != null)
                .toList()
                .get(8);
        ProductRef doomed =
                products().stream().filter(p -> p.stock() >= 10).toList().get(9);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", alice, item(product.id(), 1))
                        .statusCode())
                .isIn(200, 201);
        assertThat(call("POST", GATEWAY, "/api/v1/cart/items", alice, item(doomed.id(), 1))
                        .statusCode())
                .isIn(200, 201);
        assertThat(line(get(GATEWAY, "/api/v1/cart", alice), product.id()).get("priceChanged"))
                .isEqualTo(false);

        // Price: through the gateway, as the admin.
        String newPrice =
                new BigDecimal(product.price()).add(new BigDecimal("1.25")).toPlainString();
        var repriced = call(
                "PUT",
                GATEWAY,
                "/api/products/" + product.id() + "/price",
                admin,
                "{\"price\":\"" + newPrice + "\",\"version\":" + product.version() + "}");
        assertThat(repriced.statusCode()).as(repriced.body()).isEqualTo(200);
        long priceVisible = visibleWithin(() -> {
            Map<String, Object> line = line(get(GATEWAY, "/api/v1/cart", alice), product.id());
            return new BigDecimal(line.get("unitPrice").toString()).compareTo(new BigDecimal(newPrice)) == 0
                    && Boolean.TRUE.equals(line.get("priceChanged"))
                    && new BigDecimal(line.get("priceWhenAdded").toString()).compareTo(new BigDecimal(product.price()))
                            == 0;
        });

        // Name.
        String newName = "Renamed " + System.nanoTime();
        var renamed = call(
                "PATCH",
                GATEWAY,
                "/api/products/" + product.id(),
                admin,
                "{\"name\":\"" + newName + "\",\"version\":"
                        + product(product.id()).version() + "}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        long nameVisible = visibleWithin(() -> newName.equals(
                line(get(GATEWAY, "/api/v1/cart", alice), product.id()).get("name")));

        // Category rename (every product of the category changes).
        var category = get(GATEWAY, "/api/categories/" + product.categoryId(), null);
        String newCategory = "Category " + System.nanoTime();
        var recategorised = call(
                "PUT",
                GATEWAY,
                "/api/categories/" + product.categoryId(),
                admin,
                "{\"name\":\"" + newCategory + "\",\"version\":" + json(category, "$.version") + "}");
        assertThat(recategorised.statusCode()).as(recategorised.body()).isEqualTo(200);
        long categoryVisible = visibleWithin(() -> newCategory.equals(
                line(get(GATEWAY, "/api/v1/cart", alice), product.id()).get("categoryName")));

        // Delete: the line stays, unavailable, out of the totals.
        assertThat(call("DELETE", GATEWAY, "/api/products/" + doomed.id(), admin, null)
                        .statusCode())
                .isEqualTo(204);
        long deleteVisible = visibleWithin(() -> {
            Map<String, Object> line = line(get(GATEWAY, "/api/v1/cart", alice), doomed.id());
            return Boolean.TRUE.equals(line.get("unavailable")) && "DELETED".equals(line.get("unavailableReason"));
        });
        // The snapshot, too (what the cart shows when the catalog is away), carries every change.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(query(
                                "cart", "select product_deleted from cart_items where product_id = ?", doomed.id()))
                        .allSatisfy(
                                row -> assertThat(row.get("product_deleted")).isEqualTo(true)));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(query(
                                "cart",
                                "select product_name, unit_price, category_name from cart_items where product_id = ?",
                                product.id()))
                        .allSatisfy(row -> {
                            assertThat(row.get("product_name")).isEqualTo(newName);
                            assertThat((BigDecimal) row.get("unit_price")).isEqualByComparingTo(newPrice);
                            assertThat(row.get("category_name")).isEqualTo(newCategory);
                        }));
        Scenarios.note("visible in the cart after: price " + priceVisible + " ms, name " + nameVisible
                + " ms, category " + categoryVisible + " ms, delete " + deleteVisible + " ms");
    }

    /** Polls until the change shows and fails unless it showed within {@link #VISIBLE_WITHIN}; returns milliseconds. */
    private static long visibleWithin(Callable<Boolean> visible) throws Exception {
        long begin = System.nanoTime();
        while (!visible.call()) {
            long elapsed = System.nanoTime() - begin;
            assertThat(Duration.ofNanos(elapsed))
                    .as("change visible in the cart within %s", VISIBLE_WITHIN)
                    .isLessThan(VISIBLE_WITHIN);
            Thread.sleep(25);
        }
        return (System.nanoTime() - begin) / 1_000_000;
    }

    static String item(long productId, int quantity) {
        return "{\"productId\":" + productId + ",\"quantity\":" + quantity + "}";
    }

    static Map<String, Object> line(HttpResponse<String> cart, long productId) {
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
        List<Map<String, Object>> lines = json(cart, "$.items[?(@.productId == " + productId + ")]");
        assertThat(lines)
                .as("cart line of product %d in %s", productId, cart.body())
                .hasSize(1);
        return lines.getFirst();
    }

    private static int quantityOf(HttpResponse<String> cart, long productId) {
        return ((Number) line(cart, productId).get("quantity")).intValue();
    }

    private static long lineId(HttpResponse<String> cart, long productId) {
        return ((Number) line(cart, productId).get("id")).longValue();
    }

    private static BigDecimal decimal(HttpResponse<String> response, String path) {
        return new BigDecimal(json(response, path).toString());
    }
}
