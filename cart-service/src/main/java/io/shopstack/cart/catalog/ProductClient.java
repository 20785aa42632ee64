package io.shopstack.cart.catalog;

import feign.Retryer;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * product-service's read API (products, and categories for event reconciliation), called by service id through the discovery client and Spring Cloud LoadBalancer.
 * Connect/read timeouts: {@code spring.cloud.openfeign.client.config.product-service.*}. Never called directly: go
 * through {@link ProductCatalog}, which adds the circuit breaker, time limiter, bulkhead, retry and cache. The caller's
 * bearer token is added by {@link BearerTokenRelay}.
 */
@FeignClient(name = "product-service", path = "/api", configuration = ProductClient.Settings.class)
interface ProductClient {

    /** This client's Feign components (not scanned: they apply to this client only). */
    class Settings {

        @Bean
        Retryer nextInstanceRetryer() {
            return new NextInstanceRetryer();
        }
    }

    /** 200 with the product, 404 (a {@code FeignException.NotFound}) when unknown or deleted. */
    @GetMapping("/products/{id}")
    ProductView get(@PathVariable("id") long id);

    /** Comma-separated ids, at most 100; unknown ids are absent from the answer. */
    @GetMapping("/products/batch")
    List<ProductView> batch(@RequestParam("ids") String ids);

    /** 200 with the category, 404 (a {@code FeignException.NotFound}) when unknown or deleted. */
    @GetMapping("/categories/{id}")
    CategoryView category(@PathVariable("id") long id);
}
