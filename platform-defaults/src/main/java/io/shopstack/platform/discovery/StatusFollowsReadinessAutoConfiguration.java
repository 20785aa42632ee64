package io.shopstack.platform.discovery;

import com.netflix.appinfo.HealthCheckHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link ReadinessHealthCheckHandler} as the Eureka client's {@link HealthCheckHandler} for servlet and
 * reactive services alike. Spring Cloud's EurekaRegistration takes the one HealthCheckHandler bean and the service
 * registry hands it to the client on registration; Spring Cloud's own EurekaHealthCheckHandler (whole health, only
 * with {@code eureka.client.healthcheck.enabled}) is {@code @ConditionalOnMissingBean}, so this one, defined first,
 * wins. Off with {@code shopstack.discovery.status-follows-readiness=false}.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration",
            "org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration"
        })
@ConditionalOnClass({HealthCheckHandler.class, HealthEndpoint.class})
@ConditionalOnProperty(name = "shopstack.discovery.status-follows-readiness", matchIfMissing = true)
public class StatusFollowsReadinessAutoConfiguration {

    /** The health endpoint is looked up on each call: it is made later than this bean, and only when available. */
    @Bean
    ReadinessHealthCheckHandler readinessHealthCheckHandler(ObjectProvider<HealthEndpoint> healthEndpoint) {
        return new ReadinessHealthCheckHandler(() -> {
            HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
            HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
            return readiness == null ? null : readiness.getStatus();
        });
    }
}
