package io.shopstack.cart;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.shopstack.cart.CartApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Promo codes: percent and fixed discounts with exact rounding, and every rule's error. */
class PromoCodeTest extends CartServiceIntegrationTest {

    @Test
    void percentDiscountIsRoundedToCentsAndRemovable() throws Exception {
        String token = token(newUser());
        String code = promo("PERCENT", "15", null, null, null, null, null);
        addToCart(token, catalog.create("Teapot", "19.99", 10), 1);

        Response applied = send("POST", "/api/v1/cart/promo", token, "{\"code\":\"" + code.toLowerCase() + "\"}");
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        JsonNode cart = applied.body();
        // 15 % of 19.99 = 2.9985 → 3.00
        assertThat(cart.get("discount").decimalValue()).isEqualTo(new BigDecimal("3.00"));
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("16.99"));
        assertThat(cart.at("/promo/code").asString()).isEqualTo(code);
        assertThat(cart.at("/promo/applicable").asBoolean()).isTrue();
        assertThat(timesUsed(code)).isEqualTo(1);

        Response removed = send("DELETE", "/api/v1/cart/promo", token, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("discount").decimalValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(removed.body().has("promo")).isFalse();
        assertThat(timesUsed(code)).isZero();
        assertProblem(send("DELETE", "/api/v1/cart/promo", token, null), 404, "NOT_FOUND");
    }

    @Test
    void fixedDiscountNeverExceedsTheSubtotal() throws Exception {
        String token = token(newUser());
        String code = promo("FIXED", "10", "EUR", null, null, null, null);
        long product = catalog.create("Coaster", "4.00", 10);
        addToCart(token, product, 1);
        JsonNode cart = send("PUT", "/api/v1/cart/promo", token, "{\"code\":\"" + code + "\"}")
                .body();
        assertThat(cart.get("discount").decimalValue()).isEqualTo(new BigDecimal("4.00"));
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("0.00"));

        addToCart(token, product, 2);
        cart = get("/api/v1/cart", token).body();
        assertThat(cart.get("subtotal").decimalValue()).isEqualTo(new BigDecimal("12.00"));
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("2.00"));
    }

    @Test
    void everyRuleHasItsOwnError() throws Exception {
        String user = newUser();
        String token = token(user);
        addToCart(token, catalog.create("Bowl", "20.00", 10), 1);
        Instant now = Instant.now();
        String expired =
                promo("PERCENT", "10", null, null, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), null);
        String future = promo("PERCENT", "10", null, null, now.plus(Duration.ofDays(1)), null, null);
        String minimum = promo("PERCENT", "10", null, "50.00", null, null, null);
        String usedUp = promo("FIXED", "5", "EUR", null, null, null, 0);
        String dollars = promo("FIXED", "5", "USD", null, null, null, null);

        assertProblem(apply(token, "NO-SUCH-CODE"), 422, "PROMO_UNKNOWN");
        assertProblem(apply(token, expired), 422, "PROMO_EXPIRED");
        assertProblem(apply(token, future), 422, "PROMO_NOT_YET_VALID");
        Response belowMinimum = apply(token, minimum);
        assertProblem(belowMinimum, 422, "PROMO_MINIMUM_NOT_MET");
        assertThat(belowMinimum.body().get("minimumOrder").decimalValue()).isEqualByComparingTo("50");
        assertProblem(apply(token, usedUp), 422, "PROMO_LIMIT_REACHED");
        assertProblem(apply(token, dollars), 422, "PROMO_CURRENCY_MISMATCH");
        assertProblem(send("POST", "/api/v1/cart/promo", token, "{\"code\":\"\"}"), 400, null);
        assertProblem(apply(token(newUser()), minimum), 422, "CART_EMPTY");
        assertThat(jdbc.queryForObject(
                        "select count(*) from cart_promo_codes p join carts c on c.id = p.cart_id where c.user_id = ?",
                        Integer.class,
                        user))
                .isZero();
        assertThat(timesUsed(usedUp)).isZero();
    }

    @Test
    void theUsageLimitHoldsAcrossCarts() throws Exception {
        String code = promo("PERCENT", "5", null, null, null, null, 1);
        String first = token(newUser());
        String second = token(newUser());
        long product = catalog.create("Plate", "10.00", 10);
        addToCart(first, product, 1);
        addToCart(second, product, 1);
        assertThat(apply(first, code).status()).isEqualTo(200);
        assertThat(apply(first, code).status())
                .as("applying the same code again is a no-op")
                .isEqualTo(200);
        assertProblem(apply(second, code), 422, "PROMO_LIMIT_REACHED");
        // clearing the first cart releases the use
        assertThat(send("DELETE", "/api/v1/cart", first, null).status()).isEqualTo(204);
        assertThat(apply(second, code).status()).isEqualTo(200);
        assertThat(timesUsed(code)).isEqualTo(1);
    }

    @Test
    void aCodeThatNoLongerAppliesGivesNoDiscountButStaysVisible() throws Exception {
        String token = token(newUser());
        String code = promo("PERCENT", "10", null, "15.00", null, null, null);
        long product = catalog.create("Jug", "8.00", 10);
        addToCart(token, product, 2);
        JsonNode cart = apply(token, code).body();
        assertThat(cart.get("discount").decimalValue()).isEqualTo(new BigDecimal("1.60"));
        long item = CartApiTest.line(cart, product).get("id").asLong();
        cart = send("PATCH", "/api/v1/cart/items/" + item, token, "{\"quantity\":1}")
                .body();
        assertThat(cart.get("discount").decimalValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(cart.at("/promo/applicable").asBoolean()).isFalse();
        assertThat(cart.at("/promo/notApplicableReason").asString()).isEqualTo("PROMO_MINIMUM_NOT_MET");
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("8.00"));
    }

    @Test
    void operatorsManageCodesThroughTheInternalApi() throws Exception {
        String code = "OPS-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String body = "{\"code\":\"" + code.toLowerCase()
                + "\",\"discountType\":\"PERCENT\",\"discountValue\":12.5,\"usageLimit\":100}";
        assertThat(send("POST", "/internal/promo-codes", token(newUser()), body).status())
                .isEqualTo(403);
        Response created = send("POST", "/internal/promo-codes", OPERATOR, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("code").asString()).isEqualTo(code);
        assertThat(send("POST", "/internal/promo-codes", OPERATOR, body).status())
                .isEqualTo(409);
        assertProblem(
                send(
                        "POST",
                        "/internal/promo-codes",
                        OPERATOR,
                        "{\"code\":\"X1\",\"discountType\":\"PERCENT\",\"discountValue\":120}"),
                422,
                "PROMO_INVALID");
        assertProblem(
                send("POST", "/internal/promo-codes", OPERATOR, "{\"code\":\"bad code!\",\"discountType\":\"FIXED\"}"),
                400,
                null);

        String token = token(newUser());
        addToCart(token, catalog.create("Ops mug", "8.00", 10), 1);
        assertThat(apply(token, code).body().get("discount").decimalValue()).isEqualTo(new BigDecimal("1.00"));
        assertThat(send("POST", "/internal/promo-codes/" + code + "/deactivate", OPERATOR, null)
                        .body()
                        .get("active")
                        .asBoolean())
                .isFalse();
        JsonNode cart = get("/api/v1/cart", token).body();
        assertThat(cart.at("/promo/notApplicableReason").asString()).isEqualTo("PROMO_INACTIVE");
        assertThat(cart.get("discount").decimalValue()).isEqualTo(new BigDecimal("0.00"));
    }

    Response apply(String token, String code) throws Exception {
        return send("POST", "/api/v1/cart/promo", token, "{\"code\":\"" + code + "\"}");
    }

    String promo(
            String type, String value, String currency, String minimum, Instant from, Instant until, Integer limit) {
        String code = "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.update(
                """
                insert into promo_codes (code, discount_type, discount_value, currency, minimum_order, valid_from,
                                         valid_until, usage_limit)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                code,
                type,
                new BigDecimal(value),
                currency,
                minimum == null ? null : new BigDecimal(minimum),
                from == null ? null : Timestamp.from(from),
                until == null ? null : Timestamp.from(until),
                limit);
        return code;
    }

    int timesUsed(String code) {
        return jdbc.queryForObject("select times_used from promo_codes where code = ?", Integer.class, code);
    }
}
