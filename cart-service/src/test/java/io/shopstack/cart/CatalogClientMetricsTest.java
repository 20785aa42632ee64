package io.shopstack.cart;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cart→product calls (Feign) are in cart-service's Prometheus scrape, beside the meters of the other HTTP clients
 * of the same name ({@code http.client.requests}; in the platform the Eureka client's RestClient registers first).
 * Prometheus allows one set of tag keys per name: with Feign's own tag keys one of the two was dropped.
 */
class CatalogClientMetricsTest extends CartServiceIntegrationTest {

    @Autowired
    RestClient.Builder restClients;

    @Test
    void catalogCallsAreScrapedWithTheTagKeysOfEveryOtherHttpClient() throws Exception {
        long product = catalog.create("Metered mug", "4.00", 10);
        // Another instrumented HTTP client, as the Eureka client is in a running service.
        restClients
                .build()
                .get()
                .uri(catalog.uri() + "/api/products/{id}", product)
                .retrieve()
                .toBodilessEntity();
        evictProductCache();
        Response added = addToCart(token(newUser()), product, 1);
        assertThat(added.status()).as(added.text()).isEqualTo(200);

        List<String> counts = scrape().lines()
                .filter(line -> line.startsWith("http_client_requests_seconds_count{"))
                .toList();

        assertThat(counts)
                .as("the cart→product call (Feign), tagged like every HTTP client")
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "client_name=\"product-service\"",
                                "method=\"GET\"",
                                "uri=\"/api/products/{id}\"",
                                "status=\"200\"",
                                "outcome=\"SUCCESS\"",
                                "exception=\"none\""));
        assertThat(counts)
                .as("the other client's call")
                .anySatisfy(line -> assertThat(line).contains("client_name=\"127.0.0.1\"", "outcome=\"SUCCESS\""));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + MONITOR)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
