package io.shopstack.discovery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins: the registry, registration and the dashboard need an identity; health is public. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryTest {

    @LocalServerPort
    int port;

    @Test
    void registrationAndTheRegistryNeedCredentials() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        String instance = EurekaHttp.instance("DEMO", "demo:1", "demo");

        assertThat(eureka.post("/eureka/apps/DEMO", instance, null).statusCode())
                .isEqualTo(401);
        assertThat(eureka.get("/eureka/apps", null).statusCode()).isEqualTo(401);
        assertThat(eureka.get("/eureka/apps", EurekaHttp.OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordOrAnUnknownIdentityIsAPlainBasicChallenge() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        String instance = EurekaHttp.instance("PRODUCT-SERVICE", "product:wrong", "product-service");

        var wrongPassword = eureka.post(
                "/eureka/apps/PRODUCT-SERVICE", instance, EurekaHttp.basic("product-service", "wrong-password"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
        // The shared login of before is no identity any more.
        assertThat(eureka.get("/eureka/apps", EurekaHttp.basic("eureka", "eureka-dev-password"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(eureka.get("/eureka/apps/PRODUCT-SERVICE", EurekaHttp.OPERATOR)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void healthIsPublicAndTheDashboardIsForAnyIdentityToRead() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        assertThat(eureka.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(eureka.get("/", null).statusCode()).isEqualTo(401);
        var dashboard = eureka.get("/", EurekaHttp.OPERATOR);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Eureka");
    }

    @Test
    void prometheusScrapesMetricsWithItsReadOnlyIdentity() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        var metrics = scrape(EurekaHttp.PROMETHEUS);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    /** As Prometheus asks: the text exposition format. */
    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
