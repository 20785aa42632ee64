package io.shopstack.gateway.web;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class NotRoutedPathsTest {

    @Test
    void internalAndFallbackPathsAreRecognisedHoweverTheyAreSpelled() {
        for (String path : new String[] {
            "/internal",
            "/internal/",
            "/internal/carts",
            "/INTERNAL/x",
            "/%69nternal/x",
            "//internal/x",
            "/api/../internal/x",
            "/api/products/%2e%2e/%2E%2E/internal",
            "/internal;jsessionid=1/x",
            "/./internal/x",
            "/fallback/product-service"
        }) {
            assertThat(NotRoutedPathsWebFilter.isNotRouted(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryPathsAreRouted() {
        for (String path : new String[] {
            "/api/products", "/api/products/internal", "/internals", "/api/v1/cart/items", "/oauth2/token", "/"
        }) {
            assertThat(NotRoutedPathsWebFilter.isNotRouted(path)).as(path).isFalse();
        }
    }

    @Test
    void actuatorPathsAreRecognisedForTheDownstreamGuard() {
        assertThat(NotRoutedPathsWebFilter.normalisedStartsWith("/api/../actuator/env", "/actuator"))
                .isTrue();
        assertThat(NotRoutedPathsWebFilter.normalisedStartsWith("/v3/api-docs", "/actuator"))
                .isFalse();
    }
}
