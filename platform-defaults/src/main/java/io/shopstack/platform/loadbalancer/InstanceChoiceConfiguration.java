package io.shopstack.platform.loadbalancer;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Each called service's load balancer (Spring Cloud LoadBalancer makes a child context per service id, hence not a
 * {@code @Configuration} found by scanning): discovery, the usual cache, and outermost, so that it applies at once,
 * {@link ChoosableInstancesSupplier}.
 */
public class InstanceChoiceConfiguration {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(
            ConfigurableApplicationContext context, InstanceHealth health) {
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder();
        // The reactive discovery client where there is one (as Spring Cloud LoadBalancer's own default), else the
        // blocking one.
        builder = context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null
                ? builder.withDiscoveryClient()
                : builder.withBlockingDiscoveryClient();
        return builder.withCaching()
                .with((ctx, delegate) -> new ChoosableInstancesSupplier(delegate, health))
                .build(context);
    }
}
