package io.shopstack.product;

import io.shopstack.testsupport.IsolatedServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts with the platform defaults: public health, everything else behind a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/oauth2/jwks",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9000"})
@IsolatedServiceTest
class ProductServiceApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsPublicAndTheRestNeedsAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        var api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/anything")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }
}
