package io.shopstack.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service JVM gets only its own Eureka login; the launcher and Prometheus read with read-only logins of theirs. */
@Tag("unit")
class EurekaLoginsTest {

    @Test
    void aLoginExportedInTheLaunchersShellNeverReachesTheServices() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "EUREKA_USER", "eureka",
                "EUREKA_PASSWORD", "shared-password",
                "EUREKA_PRODUCT_SERVICE_PASSWORD", "product-secret",
                "EUREKA_OPERATOR_PASSWORD", "operator-secret",
                "EUREKA_PORT", "8761",
                "EUREKA_CART_SERVICE_PASSWORD_HASH", "$2a$10$hash"));

        Map<String, String> cart = new HashMap<>(environment);
        EurekaLogins.keepOwnLoginOnly("cart-service", cart);
        // No login at all: the local profile's own default (cart-service / cart-service-eureka-dev-password) applies.
        assertThat(cart)
                .doesNotContainKeys(
                        "EUREKA_USER", "EUREKA_PASSWORD", "EUREKA_PRODUCT_SERVICE_PASSWORD", "EUREKA_OPERATOR_PASSWORD")
                .containsEntry("EUREKA_PORT", "8761")
                .containsEntry("EUREKA_CART_SERVICE_PASSWORD_HASH", "$2a$10$hash");

        Map<String, String> product = new HashMap<>(environment);
        EurekaLogins.keepOwnLoginOnly("product-service", product);
        assertThat(product)
                .containsEntry("EUREKA_USER", "product-service")
                .containsEntry("EUREKA_PASSWORD", "product-secret")
                .doesNotContainKeys("EUREKA_PRODUCT_SERVICE_PASSWORD", "EUREKA_OPERATOR_PASSWORD");
    }

    @Test
    void prometheusReadsWithItsOwnLogin() {
        assertThat(new LocalPlatform(Map.of("EUREKA_USER", "eureka", "EUREKA_PASSWORD", "shared"))
                        .prometheusVariables())
                .containsEntry("EUREKA_PROMETHEUS_PASSWORD", "prometheus-eureka-dev-password");
        assertThat(new LocalPlatform(Map.of("EUREKA_PROMETHEUS_PASSWORD", "p")).prometheusVariables())
                .containsEntry("EUREKA_PROMETHEUS_PASSWORD", "p");
    }

    @Test
    void theLauncherReadsTheRegistryAsTheOperator() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer eureka = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        eureka.createContext("/eureka/apps", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"applications\":{\"application\":[]}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        eureka.start();
        try {
            String port = String.valueOf(eureka.getAddress().getPort());
            new LocalPlatform(Map.of("EUREKA_PORT", port, "EUREKA_USER", "eureka", "EUREKA_PASSWORD", "shared"))
                    .eureka()
                    .upInstances();
            assertThat(authorization.get())
                    .isEqualTo(LocalPlatform.basicAuthorization("operator", "operator-eureka-dev-password"));
        } finally {
            eureka.stop(0);
        }
    }
}
