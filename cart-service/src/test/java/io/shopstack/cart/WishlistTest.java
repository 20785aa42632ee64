package io.shopstack.cart;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.shopstack.cart.CartApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The wishlist: add (idempotent), list with current data, remove, move to the cart; per user. */
class WishlistTest extends CartServiceIntegrationTest {

    @Test
    void wishAndMoveToTheCart() throws Exception {
        String user = newUser();
        String token = token(user);
        long lamp = catalog.create("Lamp", "45.00", 3);
        long chair = catalog.create("Chair", "80.00", 0);

        assertThat(send("POST", "/api/v1/wishlist/items", token, "{\"productId\":" + lamp + "}")
                        .status())
                .isEqualTo(201);
        assertThat(send("POST", "/api/v1/wishlist/items", token, "{\"productId\":" + lamp + "}")
                        .status())
                .isEqualTo(200);
        // out of stock can be wished for, but not moved to the cart
        Response wished = send("POST", "/api/v1/wishlist/items", token, "{\"productId\":" + chair + "}");
        assertThat(wished.status()).isEqualTo(201);
        JsonNode list = get("/api/v1/wishlist", token).body();
        assertThat(list.get("itemCount").asInt()).isEqualTo(2);
        JsonNode chairItem = item(list, chair);
        assertThat(chairItem.get("unavailable").asBoolean()).isTrue();
        assertThat(chairItem.get("unavailableReason").asString()).isEqualTo("OUT_OF_STOCK");

        assertProblem(
                send("POST", "/api/v1/wishlist/items/" + chairItem.get("id").asLong() + "/move-to-cart", token, null),
                422,
                "OUT_OF_STOCK");
        assertThat(get("/api/v1/wishlist", token).body().get("itemCount").asInt())
                .as("nothing moved")
                .isEqualTo(2);

        long lampItem = item(list, lamp).get("id").asLong();
        Response moved =
                send("POST", "/api/v1/wishlist/items/" + lampItem + "/move-to-cart", token, "{\"quantity\":2}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(CartApiTest.line(moved.body(), lamp).get("quantity").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/wishlist", token).body().get("itemCount").asInt())
                .isEqualTo(1);

        assertThat(send(
                                "DELETE",
                                "/api/v1/wishlist/items/" + chairItem.get("id").asLong(),
                                token,
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(get("/api/v1/wishlist", token).body().get("itemCount").asInt())
                .isZero();
    }

    @Test
    void anotherUsersWishlistItemIsNotFound() throws Exception {
        String alice = token(newUser());
        String bob = token(newUser());
        long product = catalog.create("Rug", "60.00", 5);
        long item = item(
                        send("POST", "/api/v1/wishlist/items", alice, "{\"productId\":" + product + "}")
                                .body(),
                        product)
                .get("id")
                .asLong();
        assertProblem(send("DELETE", "/api/v1/wishlist/items/" + item, bob, null), 404, "NOT_FOUND");
        assertProblem(send("POST", "/api/v1/wishlist/items/" + item + "/move-to-cart", bob, null), 404, "NOT_FOUND");
        assertThat(get("/api/v1/wishlist", bob).body().get("itemCount").asInt()).isZero();
        assertThat(get("/api/v1/cart", bob).body().get("items").size()).isZero();
        assertThat(get("/api/v1/wishlist", alice).body().get("itemCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void unknownProductsAreRejected() throws Exception {
        assertProblem(
                send("POST", "/api/v1/wishlist/items", token(newUser()), "{\"productId\":987654321}"),
                422,
                "PRODUCT_NOT_FOUND");
        assertProblem(send("POST", "/api/v1/wishlist/items", token(newUser()), "{}"), 400, null);
    }

    static JsonNode item(JsonNode wishlist, long productId) {
        for (JsonNode item : wishlist.get("items")) {
            if (item.get("productId").asLong() == productId) {
                return item;
            }
        }
        throw new AssertionError("no item for product " + productId + " in " + wishlist);
    }
}
