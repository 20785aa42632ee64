package io.shopstack.discovery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
}
