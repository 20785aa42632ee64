package io.shopstack.cart;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The cart API on real PostgreSQL and Redis, with the catalog double: totals, flags, limits, isolation, concurrency. */
class CartApiTest extends CartServiceIntegrationTest {

    @Test
    void addChangeRemoveAndClearWithExactTotals() throws Exception {
        String alice = token(newUser());
        long mug = catalog.create("Mug", "9.90", 20);
        long spoon = catalog.create("Spoon", "0.10", 20);

        assertThat(get("/api/v1/cart", alice).body().get("items").size()).isZero();
        Response added = addToCart(alice, mug, 3);
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        addToCart(alice, spoon, 1);
        Response again = addToCart(alice, spoon, 2);
        JsonNode cart = again.body();
        assertThat(cart.get("items").size()).isEqualTo(2);
        JsonNode mugLine = line(cart, mug);
        assertThat(mugLine.get("quantity").asInt()).isEqualTo(3);
        assertThat(mugLine.get("unitPrice").decimalValue()).isEqualByComparingTo("9.90");
        assertThat(mugLine.get("lineTotal").decimalValue()).isEqualTo(new BigDecimal("29.70"));
        assertThat(line(cart, spoon).get("quantity").asInt()).isEqualTo(3);
        // 29.70 + 0.30, exactly (no binary floating point on the way)
        assertThat(cart.get("subtotal").decimalValue()).isEqualTo(new BigDecimal("30.00"));
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("30.00"));
        assertThat(cart.get("currency").asString()).isEqualTo("EUR");
        assertThat(again.text()).contains("\"subtotal\":30.00", "\"lineTotal\":29.70");
        assertThat(cart.get("totalQuantity").asInt()).isEqualTo(6);
        assertThat(cart.get("stale").asBoolean()).isFalse();
        assertThat(mugLine.get("categoryName").asString()).isEqualTo("Kitchen");

        long mugItem = mugLine.get("id").asLong();
        Response changed = send("PATCH", "/api/v1/cart/items/" + mugItem, alice, "{\"quantity\":1}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.body().get("subtotal").decimalValue()).isEqualTo(new BigDecimal("10.20"));

        Response removed = send("DELETE", "/api/v1/cart/items/" + mugItem, alice, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("items").size()).isEqualTo(1);
        assertThat(removed.body().get("total").decimalValue()).isEqualTo(new BigDecimal("0.30"));

        assertThat(send("DELETE", "/api/v1/cart", alice, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/cart", alice).body().get("items").size()).isZero();
    }

    @Test
    void theShoppersTokenGoesWithEveryCatalogCall() throws Exception {
        String alice = token(newUser());
        long mug = catalog.create("Relay mug", "3.00", 5);
        int before = catalog.authorizations().size();
        assertThat(addToCart(alice, mug, 1).status()).isEqualTo(200);
        evictProductCache(); // the next read asks the catalog (batch) instead of the cache
        assertThat(get("/api/v1/cart", alice).status()).isEqualTo(200);
        List<String> sent = catalog.authorizations()
                .subList(before, catalog.authorizations().size());
        assertThat(sent)
                .as("a live read for the add, a batch read for the view")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(header -> assertThat(header).isEqualTo("Bearer " + alice));
    }

    @Test
    void priceChangesAndUnavailableProductsAreFlaggedAndUnavailableOnesLeaveTheTotal() throws Exception {
        String user = token(newUser());
        long cheaper = catalog.create("Kettle", "30.00", 10);
        long inactive = catalog.create("Toaster", "25.00", 10);
        long soldOut = catalog.create("Pan", "15.00", 10);
        long deleted = catalog.create("Lid", "5.00", 10);
        long unchanged = catalog.create("Cup", "4.50", 10);
        for (long product : List.of(cheaper, inactive, soldOut, deleted, unchanged)) {
            assertThat(addToCart(user, product, 1).status()).isEqualTo(200);
        }
        catalog.change(cheaper, "price", "27.50");
        catalog.change(inactive, "active", false);
        catalog.change(soldOut, "stockQuantity", 0);
        catalog.delete(deleted);
        evictProductCache(); // (catalog events do this in production; see CatalogEventsTest)

        JsonNode cart = get("/api/v1/cart", user).body();
        assertThat(line(cart, cheaper).get("priceChanged").asBoolean()).isTrue();
        assertThat(line(cart, cheaper).get("unitPrice").decimalValue()).isEqualTo(new BigDecimal("27.50"));
        assertThat(line(cart, cheaper).get("priceWhenAdded").decimalValue()).isEqualTo(new BigDecimal("30.00"));
        assertThat(line(cart, cheaper).get("unavailable").asBoolean()).isFalse();
        assertThat(line(cart, inactive).get("unavailableReason").asString()).isEqualTo("INACTIVE");
        assertThat(line(cart, soldOut).get("unavailableReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(line(cart, deleted).get("unavailableReason").asString()).isEqualTo("DELETED");
        assertThat(line(cart, unchanged).get("priceChanged").asBoolean()).isFalse();
        assertThat(line(cart, unchanged).get("unavailable").asBoolean()).isFalse();
        assertThat(cart.get("subtotal").decimalValue()).isEqualTo(new BigDecimal("32.00"));
        assertThat(cart.get("hasUnavailableItems").asBoolean()).isTrue();
        assertThat(cart.get("hasPriceChanges").asBoolean()).isTrue();
    }

    @Test
    void rejectedRequestsAreProblemDetailsAndWriteNothing() throws Exception {
        String user = newUser();
        String token = token(user);
        long scarce = catalog.create("Vase", "12.00", 2);
        long inactive = catalog.create("Old vase", "12.00", 5);
        catalog.change(inactive, "active", false);
        long soldOut = catalog.create("Rare vase", "12.00", 0);

        assertProblem(
                send("POST", "/api/v1/cart/items", token, "{\"productId\":" + scarce + ",\"quantity\":0}"), 400, null);
        assertProblem(send("POST", "/api/v1/cart/items", token, "{\"quantity\":1}"), 400, null);
        assertProblem(send("POST", "/api/v1/cart/items", token, "{\"productId\":\"x\"}"), 400, null);
        assertProblem(send("POST", "/api/v1/cart/items", token, "{\"productId\":"), 400, null);
        assertProblem(addToCart(token, 999_999_999L, 1), 422, "PRODUCT_NOT_FOUND");
        assertProblem(addToCart(token, inactive, 1), 422, "PRODUCT_UNAVAILABLE");
        assertProblem(addToCart(token, soldOut, 1), 422, "OUT_OF_STOCK");
        assertProblem(addToCart(token, scarce, 3), 422, "INSUFFICIENT_STOCK");
        assertProblem(addToCart(token, scarce, 11), 422, "QUANTITY_LIMIT");
        assertThat(cartRows(user)).isZero();
        assertThat(itemRows(user)).isZero();

        assertThat(addToCart(token, scarce, 2).status()).isEqualTo(200);
        assertProblem(addToCart(token, scarce, 1), 422, "INSUFFICIENT_STOCK");
        long item = line(get("/api/v1/cart", token).body(), scarce).get("id").asLong();
        assertProblem(
                send("PATCH", "/api/v1/cart/items/" + item, token, "{\"quantity\":3}"), 422, "INSUFFICIENT_STOCK");
        assertProblem(send("PATCH", "/api/v1/cart/items/" + item, token, "{\"quantity\":0}"), 400, null);
        assertThat(quantity(user, scarce)).isEqualTo(2);
    }

    @Test
    void aCartHoldsAtMostTheConfiguredNumberOfDistinctProducts() throws Exception {
        String user = newUser();
        String token = token(user);
        for (int i = 0; i < 5; i++) {
            assertThat(addToCart(token, catalog.create("Item " + i, "1.00", 10), 1)
                            .status())
                    .isEqualTo(200);
        }
        assertProblem(addToCart(token, catalog.create("One too many", "1.00", 10), 1), 422, "CART_FULL");
        assertThat(itemRows(user)).isEqualTo(5);
    }

    @Test
    void aCartIsInOneCurrency() throws Exception {
        String token = token(newUser());
        assertThat(addToCart(token, catalog.create("Euro mug", "5.00", 10), 1).status())
                .isEqualTo(200);
        long dollars = catalog.create("Dollar mug", "5.00", "USD", 10, null, null);
        assertProblem(addToCart(token, dollars, 1), 422, "CURRENCY_MISMATCH");
    }

    @Test
    void aUserNeverSeesOrChangesAnotherUsersCart() throws Exception {
        String alice = token(newUser());
        String bob = token(newUser());
        long product = catalog.create("Private mug", "7.00", 10);
        long aliceItem =
                line(addToCart(alice, product, 2).body(), product).get("id").asLong();

        assertThat(get("/api/v1/cart", bob).body().get("items").size()).isZero();
        assertProblem(send("PATCH", "/api/v1/cart/items/" + aliceItem, bob, "{\"quantity\":5}"), 404, "NOT_FOUND");
        assertProblem(send("DELETE", "/api/v1/cart/items/" + aliceItem, bob, null), 404, "NOT_FOUND");
        addToCart(bob, product, 1);
        assertProblem(send("DELETE", "/api/v1/cart/items/" + aliceItem, bob, null), 404, "NOT_FOUND");
        assertThat(send("DELETE", "/api/v1/cart", bob, null).status()).isEqualTo(204);

        JsonNode aliceCart = get("/api/v1/cart", alice).body();
        assertThat(line(aliceCart, product).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentAddsOfTheSameProductAllCount() throws Exception {
        String user = newUser();
        String token = token(user);
        long product = catalog.create("Popular mug", "3.00", 100);
        int adds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(adds);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < adds; i++) {
                Callable<Integer> add = () -> {
                    start.await();
                    return addToCart(token, product, 1).status();
                };
                results.add(pool.submit(add));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(quantity(user, product)).isEqualTo(adds);
        assertThat(cartRows(user)).isEqualTo(1);
        assertThat(line(get("/api/v1/cart", token).body(), product)
                        .get("quantity")
                        .asInt())
                .isEqualTo(adds);
    }

    static JsonNode line(JsonNode cart, long productId) {
        for (JsonNode item : cart.get("items")) {
            if (item.get("productId").asLong() == productId) {
                return item;
            }
        }
        throw new AssertionError("no line for product " + productId + " in " + cart);
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        if (code != null) {
            assertThat(response.body().get("code").asString()).isEqualTo(code);
        }
        assertThat(response.text()).doesNotContain("Exception");
    }

    int cartRows(String user) {
        return jdbc.queryForObject("select count(*) from carts where user_id = ?", Integer.class, user);
    }

    int itemRows(String user) {
        return jdbc.queryForObject(
                "select count(*) from cart_items i join carts c on c.id = i.cart_id where c.user_id = ?",
                Integer.class,
                user);
    }

    int quantity(String user, long productId) {
        return jdbc.queryForObject("""
                select i.quantity from cart_items i join carts c on c.id = i.cart_id
                where c.user_id = ? and i.product_id = ?""", Integer.class, user, productId);
    }
}
