package io.shopstack.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * Records an event in the same transaction as the change it describes: committed together or not at all. After the
 * commit the relay is woken, so the event reaches Kafka within milliseconds while Kafka is up.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final OutboxRelay relay;

    Outbox(
            JdbcTemplate jdbc,
            JsonMapper json,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.tracer = tracer;
        this.propagator = propagator;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutboxMessage message) {
        jdbc.update(
                """
                        insert into outbox_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_version,
                                                   partition_key, payload, traceparent, binding)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                message.messageId(),
                message.type(),
                message.aggregateType(),
                message.aggregateId(),
                message.aggregateVersion(),
                message.partitionKey(),
                json.writeValueAsString(message.payload()),
                currentTraceparent(),
                message.binding());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /**
     * The trace context of the request that made the change, as the tracer's propagator writes it (W3C
     * {@code traceparent}), so the published event joins its trace; the relay extracts it with the same propagator.
     */
    private String currentTraceparent() {
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null || propagation == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagation.inject(span.context(), carrier, Map::put);
        return carrier.get(OutboxRelay.TRACEPARENT);
    }
}
