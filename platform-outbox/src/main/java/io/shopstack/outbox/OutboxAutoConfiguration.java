package io.shopstack.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox for a service with a database and a Stream binder: {@link Outbox} to write, {@link
 * OutboxRelay} to publish. The service owns the {@code outbox_events} table in its own Flyway migrations (the
 * columns: docs/consistency-model.md, "The outbox").
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration"
        })
@ConditionalOnProperty(prefix = "shopstack.outbox", name = "enabled", matchIfMissing = true)
@ConditionalOnBean({JdbcTemplate.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            StreamBridge stream,
            OutboxProperties properties,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new OutboxRelay(
                jdbc, new TransactionTemplate(transactions), stream, properties, meters, tracer, propagator);
    }

    @Bean
    Outbox outbox(
            JdbcTemplate jdbc,
            JsonMapper json,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            OutboxRelay relay) {
        return new Outbox(jdbc, json, tracer, propagator, relay);
    }
}
