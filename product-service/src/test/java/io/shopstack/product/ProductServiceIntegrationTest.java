package io.shopstack.product;

import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.TestTokenIssuer;
import io.shopstack.testsupport.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One application context for all product-service integration tests: real PostgreSQL and Kafka, a test issuer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedServiceTest
@WithInfrastructure(
        value = {Server.POSTGRES, Server.KAFKA},
        database = "product")
abstract class ProductServiceIntegrationTest {

    static final TestTokenIssuer tokens = TestTokenIssuer.start();
    static final String ADMIN = tokens.token("admin", "openid catalog:write");
    static final String CUSTOMER = tokens.token("alice", "openid cart");

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        tokens.register(registry);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }
}
