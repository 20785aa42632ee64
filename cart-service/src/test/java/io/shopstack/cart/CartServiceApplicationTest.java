package io.shopstack.cart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts with the platform defaults: public health, the API behind a user token, /internal behind a service token. */
class CartServiceApplicationTest extends CartServiceIntegrationTest {

    @Test
    void healthIsPublicAndTheRestNeedsAToken() throws Exception {
        Response health = get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("UP");
        assertThat(get("/api/v1/cart", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/wishlist", null).status()).isEqualTo(401);
        assertThat(get("/internal/health", null).status()).isEqualTo(401);
        assertThat(get("/internal/health", token(newUser())).status()).isEqualTo(403);
        assertThat(get("/internal/dead-letters", token(newUser())).status()).isEqualTo(403);
    }

    @Test
    void internalHealthReportsEveryDependency() throws Exception {
        Response health = get("/internal/health", MONITOR);
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/checks/database/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/checks/redis/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/checks/kafka/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/checks/productService/circuitBreaker").asString())
                .isEqualTo("CLOSED");
    }
}
