package io.shopstack.discovery;

import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.configuration.TlsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.cloud.netflix.eureka.InstanceInfoFactory;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Eureka client settings every service gets from config-repo/application.yml (served by config-server), read as
 * Spring Boot reads them: under {@code local} each service logs in as itself with the development password whose hash
 * discovery holds; under {@code prod} the URL is made of the environment alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharedClientSettingsTest {

    @LocalServerPort
    int port;

    @Test
    void underLocalEveryServiceRegistersAsItselfWithTheSharedSettings() {
        for (String service : List.of(
                "auth-server", "product-service", "cart-service", "order-service", "gateway", "observability")) {
            String defaultZone = defaultZone(service, "local", "EUREKA_PORT=" + port);
            assertThat(defaultZone)
                    .isEqualTo("http://" + service + ":" + service + "-eureka-dev-password@localhost:" + port
                            + "/eureka/");
            EurekaHttpClient client = new RestClientTransportClientFactory(
                            new TlsProperties(),
                            new DefaultEurekaClientHttpRequestFactorySupplier(new TimeoutProperties(), Set.of()))
                    .newClient(new DefaultEndpoint(defaultZone));
            try {
                EurekaInstanceConfigBean instance =
                        new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties()));
                instance.setAppname(service);
                instance.setVirtualHostName(service);
                instance.setSecureVirtualHostName(service);
                instance.setHostname("localhost");
                instance.setIpAddress("127.0.0.1");
                instance.setInstanceId("shared-settings:" + service);
                assertThat(client.register(new InstanceInfoFactory().create(instance))
                                .getStatusCode())
                        .as(service)
                        .isEqualTo(204);
                assertThat(client.cancel(service.toUpperCase(), "shared-settings:" + service)
                                .getStatusCode())
                        .isEqualTo(200);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void underProdTheUrlAndTheIdentityComeFromTheEnvironment() {
        assertThat(defaultZone(
                        "cart-service",
                        "prod",
                        "EUREKA_HOST=discovery.internal",
                        "EUREKA_PORT=8761",
                        "EUREKA_USER=cart-service",
                        "EUREKA_PASSWORD=3f9c2a"))
                .isEqualTo("https://cart-service:3f9c2a@discovery.internal:8761/eureka/");
    }

    /** defaultZone as a service resolves it from config-repo/application.yml with the given profile and variables. */
    private static String defaultZone(String service, String profile, String... variables) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.config.location=file:../config-repo/application.yml", "spring.application.name=" + service));
        properties.addAll(List.of(variables));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .properties(properties.toArray(String[]::new))
                .logStartupInfo(false)
                .run()) {
            return context.getEnvironment().getProperty("eureka.client.service-url.defaultZone");
        }
    }

    /** An application of no beans: only its environment is wanted (not annotated, so @SpringBootTest ignores it). */
    static class NoBeans {}
}
