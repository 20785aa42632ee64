package io.shopstack.discovery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryTest {

    private static final String CREDENTIALS = "Basic "
            + Base64.getEncoder().encodeToString("eureka:eureka-dev-password".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registrationAndTheRegistryNeedCredentials() throws Exception {
        String instance = """
                {"instance":{"instanceId":"demo:1","hostName":"localhost","app":"DEMO","ipAddr":"127.0.0.1",
                 "status":"UP","port":{"$":9999,"@enabled":"true"},"dataCenterInfo":{
                 "@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""";

        assertThat(register(instance, null).statusCode()).isEqualTo(401);
        assertThat(get("/eureka/apps", null).statusCode()).isEqualTo(401);
        assertThat(get("/eureka/apps/DEMO", CREDENTIALS).statusCode()).isEqualTo(404);

        assertThat(register(instance, "Basic " + Base64.getEncoder().encodeToString("eureka:wrong".getBytes()))
                        .statusCode())
                .isEqualTo(401);
        assertThat(register(instance, CREDENTIALS).statusCode()).isEqualTo(204);
        var registered = get("/eureka/apps/DEMO", CREDENTIALS);
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).contains("demo:1");
    }

    @Test
    void healthIsPublicAndTheDashboardNeedsCredentials() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/", null).statusCode()).isEqualTo(401);
        var dashboard = get("/", CREDENTIALS);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Eureka");
    }

    private HttpResponse<String> register(String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/eureka/apps/DEMO"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
