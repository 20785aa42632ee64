package io.shopstack.platform.loadbalancer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * Every load-balanced call of every service (the gateway's routes, Feign clients) chooses among ready, not recently
 * failed instances: {@link InstanceChoiceConfiguration}, {@link InstanceHealth}, {@link InstanceOutcomeRecorder}.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@EnableConfigurationProperties(LoadBalancingProperties.class)
@LoadBalancerClients(defaultConfiguration = InstanceChoiceConfiguration.class)
public class LoadBalancingAutoConfiguration {

    @Bean
    InstanceHealth instanceHealth(LoadBalancingProperties properties, MeterRegistry meters) {
        return new InstanceHealth(properties, meters);
    }

    @Bean
    InstanceOutcomeRecorder instanceOutcomeRecorder(InstanceHealth health) {
        return new InstanceOutcomeRecorder(health);
    }
}
