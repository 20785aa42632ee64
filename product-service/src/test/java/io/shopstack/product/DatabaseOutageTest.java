package io.shopstack.product;

import com.netflix.appinfo.HealthCheckCallbackToHandlerBridge;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable (its connections cut by a proxy between the service and the database): reads and writes
 * answer 503 DATABASE_UNAVAILABLE with Retry-After within a second, readiness is DOWN (liveness is not), and the same
 * read succeeds within 5 s of the database's return.
 */
@Import(DatabaseOutageTest.ThroughProxy.class)
class DatabaseOutageTest extends ProductServiceIntegrationTest {

    static CuttableTcpProxy proxy;

    final JsonMapper json = JsonMapper.builder().build();

    /** What the Eureka client asks on every replication tick; without a bean it keeps the current status. */
    @Autowired
    ObjectProvider<HealthCheckHandler> eurekaHealthCheck;

    @AfterAll
    static void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void anUnreachableDatabaseAnswers503FastAndRecoversWithin5Seconds() throws Exception {
        var category = send("POST", "/api/categories", ADMIN, "{\"name\":\"Outage " + System.nanoTime() + "\"}");
        long categoryId = json.readTree(category.body()).get("id").asLong();
        var created = send("POST", "/api/products", ADMIN, """
                {"name":"Lamp","description":"Desk","price":"20.00","currency":"EUR","stockQuantity":3,"categoryId":%d}""".formatted(categoryId));
        assertThat(created.statusCode()).isEqualTo(201);
        String product =
                "/api/products/" + json.readTree(created.body()).get("id").asLong();
        assertThat(get(product).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        proxy.refuse();
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                var read = get(product);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                System.out.printf("database down: GET %s -> %d in %d ms%n", product, read.statusCode(), millis);
                assertDatabaseUnavailable(read);
                assertThat(millis).as("answer time of read %d", i).isLessThan(1000);
            }
            long started = System.nanoTime();
            var write = send("PUT", product + "/stock", ADMIN, "{\"stockQuantity\":5,\"version\":0}");
            long writeMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("database down: PUT stock -> %d in %d ms%n", write.statusCode(), writeMillis);
            assertDatabaseUnavailable(write);
            assertThat(writeMillis).isLessThan(1000);

            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        var readiness = get("/actuator/health/readiness");
                        assertThat(readiness.statusCode()).isEqualTo(503);
                        assertThat(readiness.body()).contains("DOWN");
                    });
            assertThat(get("/actuator/health/liveness").statusCode())
                    .as("liveness must not follow the database")
                    .isEqualTo(200);
        } finally {
            proxy.restore();
        }
        long restored = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(get(product).statusCode()).isEqualTo(200));
        System.out.printf(
                "database back: GET 200 after %d ms%n",
                Duration.ofNanos(System.nanoTime() - restored).toMillis());
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> assertThat(get("/actuator/health/readiness").statusCode())
                                .isEqualTo(200));
        System.out.printf(
                "database back: readiness UP after %d ms%n",
                Duration.ofNanos(System.nanoTime() - restored).toMillis());
    }

    @Test
    void theStatusRegisteredInEurekaFollowsReadiness() throws Exception {
        HealthCheckHandler handler = eurekaHealthCheck.getIfAvailable(HealthCheckCallbackToHandlerBridge::new);
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);

        proxy.refuse();
        try {
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(handler.getStatus(InstanceStatus.UP))
                            .as("status for Eureka while the database is unreachable")
                            .isEqualTo(InstanceStatus.DOWN));
        } finally {
            proxy.restore();
        }
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(handler.getStatus(InstanceStatus.DOWN))
                        .as("status for Eureka once the database is back")
                        .isEqualTo(InstanceStatus.UP));
    }

    private void assertDatabaseUnavailable(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    /** Points the service's datasource at a proxy in front of the test PostgreSQL. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ThroughProxy {

        private static final Pattern HOST_PORT = Pattern.compile("//([^:/]+):(\\d+)/");

        @Bean
        static BeanPostProcessor datasourceThroughProxy() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
                        Matcher matcher = HOST_PORT.matcher(properties.getUrl());
                        if (matcher.find()) {
                            try {
                                proxy = new CuttableTcpProxy(matcher.group(1), Integer.parseInt(matcher.group(2)))
                                        .start();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            properties.setUrl(matcher.replaceFirst("//127.0.0.1:" + proxy.port() + "/"));
                        }
                    }
                    return bean;
                }
            };
        }
    }
}
