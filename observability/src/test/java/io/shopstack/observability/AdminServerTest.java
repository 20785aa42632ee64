package io.shopstack.observability;

import io.shopstack.testsupport.IsolatedServiceTest;
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
@IsolatedServiceTest
class AdminServerTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDashboardNeedsTheAdminCredentialsAndHealthIsPublic() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/applications", null).statusCode()).isEqualTo(401);
        assertThat(get("/applications", basic("admin", "wrong")).statusCode()).isEqualTo(401);
        var applications = get("/applications", basic("admin", "admin-dev-password"));
        assertThat(applications.statusCode()).isEqualTo(200);
        assertThat(applications.body()).startsWith("[");
        assertThat(get("/actuator/env", basic("admin", "admin-dev-password")).statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
