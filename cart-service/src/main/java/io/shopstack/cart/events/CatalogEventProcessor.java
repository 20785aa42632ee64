package io.shopstack.cart.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopstack.cart.CartError;
import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.platform.problem.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The one entry point for catalog events, whatever their way in (Kafka, {@code POST /internal/events}, a dead-letter
 * replay): runs {@link CatalogEventHandler} and keeps the metrics —
 * {@code cart.events.processed{type,outcome,source}}, {@code cart.events.failed{type,source}} (each failed attempt)
 * and {@code cart.events.lag} (occurred-at → applied).
 */
@Component
public class CatalogEventProcessor {

    public static final String KAFKA = "kafka";
    public static final String HTTP = "http";
    public static final String REPLAY = "replay";
    private static final Logger log = LoggerFactory.getLogger(CatalogEventProcessor.class);

    private final CatalogEventHandler handler;
    private final MeterRegistry meters;
    private final Timer lag;

    CatalogEventProcessor(CatalogEventHandler handler, MeterRegistry meters) {
        this.handler = handler;
        this.meters = meters;
        this.lag = Timer.builder("cart.events.lag")
                .description("From the catalog change (occurred_at) to its application here")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public CatalogEventHandler.Result process(CatalogEvent event, boolean versioned, String source) {
        CatalogEventHandler.Result result;
        try {
            requireSupportedSchema(event);
            result = handler.apply(event, versioned, source);
        } catch (RuntimeException e) {
            Counter.builder("cart.events.failed")
                    .tag("type", event.eventType())
                    .tag("source", source)
                    .register(meters)
                    .increment();
            log.warn(
                    "Catalog event {} ({} {}) failed: {}",
                    event.eventId(),
                    event.eventType(),
                    event.aggregateId(),
                    e.toString());
            throw e;
        }
        Counter.builder("cart.events.processed")
                .tag("type", event.eventType())
                .tag("outcome", result.outcome().name().toLowerCase())
                .tag("source", source)
                .register(meters)
                .increment();
        if (result.outcome() == CatalogEventHandler.Outcome.APPLIED && versioned) {
            Duration sinceChange = Duration.between(event.occurredAt(), Instant.now());
            if (!sinceChange.isNegative()) {
                lag.record(sinceChange);
            }
        }
        return result;
    }

    /**
     * A breaking change to the contract gets a new schema version (and topic): this consumer reads version
     * {@value CatalogEvent#SCHEMA_VERSION} only, and never guesses at another one's meaning. Over HTTP a 400
     * {@code INVALID_EVENT}; from Kafka a failure, so retried and dead-lettered for an operator.
     */
    private static void requireSupportedSchema(CatalogEvent event) {
        if (event.schemaVersion() != CatalogEvent.SCHEMA_VERSION) {
            throw new DomainException(
                    CartError.INVALID_EVENT,
                    "schema_version " + event.schemaVersion() + " is not supported; this consumer reads "
                            + CatalogEvent.SCHEMA_VERSION + ".");
        }
    }
}
