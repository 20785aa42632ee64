package io.shopstack.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI at the gateway, listing each service's OpenAPI document, fetched through the gateway. */
class ApiDocsTest extends GatewayTestSupport {

    @Test
    void theUiListsEveryServicesDocumentAndEachIsFetchedThroughTheGateway() {
        var config = get("/v3/api-docs/swagger-config");
        var ui = get("/webjars/swagger-ui/index.html");
        var productDocs = get("/openapi/product-service");
        var cartDocs = get("/openapi/cart-service");
        var orderDocs = get("/openapi/order-service");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .contains("/openapi/product-service")
                .contains("/openapi/cart-service")
                .contains("/openapi/order-service");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(productDocs.statusCode()).isEqualTo(200);
        assertThat(cartDocs.statusCode()).isEqualTo(200);
        assertThat(orderDocs.statusCode()).isEqualTo(200);
        assertThat(productService.received())
                .extracting(StubService.Received::path)
                .containsExactly("/v3/api-docs");
        assertThat(cartService.received())
                .extracting(StubService.Received::path)
                .containsExactly("/v3/api-docs");
        assertThat(orderService.received())
                .extracting(StubService.Received::path)
                .containsExactly("/v3/api-docs");
    }
}
