package io.shopstack.cart;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.springboot3.bulkhead.autoconfigure.ThreadPoolBulkheadProperties;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerProperties;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryProperties;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterProperties;
import io.shopstack.cart.catalog.CatalogRequestException;
import io.shopstack.cart.catalog.ProductCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config-repo/cart-service.yml is what a running platform uses (tests use application-test.yml): its property names,
 * class names and instance names must bind to what the code looks up, or Resilience4j/Stream silently fall back to
 * defaults.
 */
class ConfigRepoTest {

    private final Binder binder = binder();

    @Test
    void resilienceInstancesAreTheOnesTheCatalogClientUses() {
        CircuitBreakerProperties circuitBreakers = binder.bind(
                        "resilience4j.circuitbreaker", CircuitBreakerProperties.class)
                .get();
        CircuitBreakerConfig circuit = circuitBreakers.createCircuitBreakerConfig(
                ProductCatalog.INSTANCE,
                circuitBreakers.getInstances().get(ProductCatalog.INSTANCE),
                new CompositeCustomizer<>(List.of()));
        assertThat(circuit.getMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(circuit.getIgnoreExceptionPredicate().test(new CatalogRequestException("400", null)))
                .isTrue();

        RetryProperties retries =
                binder.bind("resilience4j.retry", RetryProperties.class).get();
        RetryConfig retry = retries.createRetryConfig(ProductCatalog.READ_RETRY, new CompositeCustomizer<>(List.of()));
        assertThat(retry.getMaxAttempts()).isEqualTo(3);
        // (the predicate says "retry this")
        assertThat(retry.getExceptionPredicate().test(new TimeoutException())).isFalse();
        assertThat(retry.getExceptionPredicate()
                        .test(CallNotPermittedException.createCallNotPermittedException(
                                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("x"))))
                .isFalse();
        assertThat(retry.getExceptionPredicate().test(new IllegalStateException("5xx")))
                .isTrue();

        ThreadPoolBulkheadProperties bulkheads = binder.bind(
                        "resilience4j.thread-pool-bulkhead", ThreadPoolBulkheadProperties.class)
                .get();
        assertThat(bulkheads
                        .createThreadPoolBulkheadConfig(ProductCatalog.INSTANCE, new CompositeCustomizer<>(List.of()))
                        .getMaxThreadPoolSize())
                .isEqualTo(16);

        TimeLimiterProperties timeLimiters = binder.bind("resilience4j.timelimiter", TimeLimiterProperties.class)
                .get();
        assertThat(timeLimiters
                        .createTimeLimiterConfig(
                                ProductCatalog.INSTANCE,
                                timeLimiters.getInstances().get(ProductCatalog.INSTANCE),
                                new CompositeCustomizer<>(List.of()))
                        .getTimeoutDuration())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void streamBindingsRetryThenDeadLetter() {
        assertThat(binder.bind("spring.cloud.function.definition", String.class).get())
                .isEqualTo("catalogEvents;catalogDeadLetters;orderEvents;orderDeadLetters");
        BindingServiceProperties bindings = binder.bind("spring.cloud.stream", BindingServiceProperties.class)
                .get();
        assertThat(bindings.getBindingDestination("catalogEvents-in-0")).isEqualTo("catalog.events.v1");
        assertThat(bindings.getGroup("catalogEvents-in-0")).isEqualTo("cart-service");
        assertThat(bindings.getConsumerProperties("catalogEvents-in-0").getMaxAttempts())
                .isEqualTo(4);
        KafkaExtendedBindingProperties kafka = binder.bind(
                        "spring.cloud.stream.kafka", KafkaExtendedBindingProperties.class)
                .get();
        assertThat(kafka.getExtendedConsumerProperties("catalogEvents-in-0").isEnableDlq())
                .isTrue();
        assertThat(kafka.getExtendedConsumerProperties("catalogEvents-in-0").getDlqName())
                .isEqualTo(bindings.getBindingDestination("catalogDeadLetters-in-0"));
        // the order events' dead letters are recorded too (platform-dead-letters)
        assertThat(kafka.getExtendedConsumerProperties("orderEvents-in-0").isEnableDlq())
                .isTrue();
        assertThat(kafka.getExtendedConsumerProperties("orderEvents-in-0").getDlqName())
                .isEqualTo(bindings.getBindingDestination("orderDeadLetters-in-0"))
                .isEqualTo("order.events.v1.cart-service.dlq");
    }

    @Test
    void cartSettingsAndCatalogTimeouts() {
        CartProperties cart =
                binder.bind("shopstack.cart", CartProperties.class).get();
        assertThat(cart.catalog().cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cart.maxDistinctItems()).isEqualTo(50);
        assertThat(binder.bind("spring.cloud.openfeign.client.config.product-service.read-timeout", Integer.class)
                        .get())
                .isEqualTo(1500);
    }

    private static Binder binder() {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader()
                    .load("cart-service", new FileSystemResource("../config-repo/cart-service.yml"));
            MutablePropertySources sources = new MutablePropertySources();
            sources.addFirst(documents.getFirst()); // the default document (the second is the prod profile)
            return new Binder(ConfigurationPropertySources.from(sources));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
