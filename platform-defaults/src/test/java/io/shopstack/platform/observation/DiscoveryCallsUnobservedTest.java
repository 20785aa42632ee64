package io.shopstack.platform.observation;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class DiscoveryCallsUnobservedTest {

    @Test
    void theEurekaClientsCallsAreNotObservedEveryOtherCallIs() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations
                    .observationConfig()
                    .observationHandler(new DefaultMeterObservationHandler(meters))
                    .observationPredicate(new DiscoveryCallsUnobservedAutoConfiguration().discoveryCallsUnobserved());
            RestClient client = RestClient.builder()
                    .observationRegistry(observations)
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .build();

            client.get().uri("/eureka/apps/delta").retrieve().toBodilessEntity();
            client.put()
                    .uri("/eureka/apps/CART-SERVICE/localhost:cart-service:8003?status=UP")
                    .retrieve()
                    .toBodilessEntity();
            client.get().uri("/api/products/{id}", 1).retrieve().toBodilessEntity();

            assertThat(meters.find("http.client.requests").timers())
                    .singleElement()
                    .extracting(Timer::getId)
                    .satisfies(id -> assertThat(id.getTag("uri")).isEqualTo("/api/products/{id}"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onByDefaultOffOnRequest() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DiscoveryCallsUnobservedAutoConfiguration.class));
        runner.run(context -> assertThat(context).hasSingleBean(ObservationPredicate.class));
        runner.withPropertyValues("shopstack.observation.discovery-calls=true")
                .run(context -> assertThat(context).doesNotHaveBean(ObservationPredicate.class));
    }
}
