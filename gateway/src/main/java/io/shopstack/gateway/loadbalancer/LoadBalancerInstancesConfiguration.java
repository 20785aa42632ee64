package io.shopstack.gateway.loadbalancer;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Each service's load balancer (a child context per service id, hence not a {@code @Configuration} found by component
 * scanning): discovery, the usual cache, and, outermost so it applies at once, the ejection of failed instances.
 */
public class LoadBalancerInstancesConfiguration {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(
            ConfigurableApplicationContext context, FailedInstances failedInstances) {
        ServiceInstanceListSupplier discovered = ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                .build(context);
        return new AvailableInstancesSupplier(discovered, failedInstances);
    }
}
