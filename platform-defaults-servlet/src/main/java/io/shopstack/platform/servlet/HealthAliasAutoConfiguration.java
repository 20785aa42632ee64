package io.shopstack.platform.servlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@code GET /health} for the services built on platform-defaults, answered from the actuator's health endpoint. */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(HealthEndpoint.class)
public class HealthAliasAutoConfiguration {

    @Bean
    HealthAliasController healthAliasController(HealthEndpoint health) {
        return new HealthAliasController(health);
    }
}
