package io.shopstack.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.platform.security.PlatformAuthorities;
import io.shopstack.platform.servlet.ServiceAuthorizationRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Dead letters for a servlet service that registers a {@link DeadLetterHandler} per source topic: {@link
 * DeadLetterService} and the operator API {@code /internal/dead-letters} (scope {@code dlq:admin}). The service owns
 * the {@code dead_letters} table in its own Flyway migrations (columns: cart-service V1 or product-service V8) and binds a {@code
 * Consumer<Message<byte[]>>} calling {@link DeadLetterService#record} to each of its dead-letter topics.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "shopstack.dead-letters", name = "enabled", matchIfMissing = true)
@ConditionalOnBean({JdbcTemplate.class, DeadLetterHandler.class})
@Import(DeadLetterController.class)
public class DeadLetterAutoConfiguration {

    @Bean
    DeadLetterService deadLetterService(
            JdbcTemplate jdbc,
            JsonMapper json,
            BindingServiceProperties bindings,
            List<DeadLetterHandler> handlers,
            MeterRegistry meters) {
        return new DeadLetterService(jdbc, json, bindings, handlers, meters);
    }

    @Bean
    ServiceAuthorizationRules deadLetterRules() {
        return rules -> rules.requestMatchers("/internal/dead-letters", "/internal/dead-letters/**")
                .hasAuthority(PlatformAuthorities.DLQ_ADMIN);
    }
}
