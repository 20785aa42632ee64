package io.shopstack.cart.catalog;

import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of the Resilience4j instances ({@code resilience4j.circuitbreaker.*}, {@code .retry.*},
 * {@code .bulkhead.*}, {@code .timelimiter.*}, tagged {@code name}). Resilience4j's own Spring Boot 3 metrics
 * auto-configuration does not apply on Boot 4, and Spring Cloud CircuitBreaker binds metrics only for breakers it
 * creates itself, so they are bound here.
 */
@Configuration(proxyBeanMethods = false)
class CatalogResilienceMetrics {

    @Bean
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry registry) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
    }

    @Bean
    MeterBinder retryMetrics(RetryRegistry registry) {
        return TaggedRetryMetrics.ofRetryRegistry(registry);
    }

    @Bean
    MeterBinder threadPoolBulkheadMetrics(ThreadPoolBulkheadRegistry registry) {
        return TaggedThreadPoolBulkheadMetrics.ofThreadPoolBulkheadRegistry(registry);
    }

    @Bean
    MeterBinder timeLimiterMetrics(TimeLimiterRegistry registry) {
        return TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registry);
    }
}
