package io.shopstack.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes pending outbox rows to Kafka through Spring Cloud Stream, in commit order, and marks them published.
 * <ul>
 *   <li>Woken right after each commit (low latency), and polls as a safety net.</li>
 *   <li>One relay at a time across instances ({@code pg_try_advisory_xact_lock}), rows locked with
 *       {@code FOR UPDATE SKIP LOCKED}: no row is published twice in normal operation and order is kept.</li>
 *   <li>Sends synchronously (the binding is {@code sync}); on failure the row stays pending, the batch stops (so
 *       later events never overtake it) and the relay backs off exponentially up to {@code max-backoff}.</li>
 *   <li>A row whose send succeeded but whose mark was lost (crash in between) is sent again: delivery is
 *       at-least-once, consumers deduplicate on {@code event_id}.</li>
 * </ul>
 * Hand-written rather than Spring Modulith's publication registry: that registry republishes only on restart or
 * explicit resubmission, has no cross-instance claim, and externalises through KafkaTemplate rather than Stream.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id: "OUTBOX" in ASCII. */
    private static final long RELAY_LOCK = 0x4F5554424F58L;
    /** The W3C trace-context header, stored per outbox row (column {@code traceparent}). */
    static final String TRACEPARENT = "traceparent";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StreamBridge stream;
    private final OutboxProperties properties;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final Semaphore wake = new Semaphore(0);
    private final Counter published;
    private final Counter failed;
    private final Timer commitToKafka;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private Thread worker;
    private Instant nextHousekeeping = Instant.EPOCH;

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            StreamBridge stream,
            OutboxProperties properties,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.jdbc = jdbc;
        this.tracer = tracer;
        this.propagator = propagator;
        this.transaction = transaction;
        this.stream = stream;
        this.properties = properties;
        this.published = Counter.builder("shopstack.outbox.published")
                .description("Outbox events published to Kafka")
                .register(meters);
        this.failed = Counter.builder("shopstack.outbox.failed")
                .description("Failed outbox publish attempts")
                .register(meters);
        this.commitToKafka = Timer.builder("shopstack.outbox.latency")
                .description("Outbox write to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("shopstack.outbox.pending", this, OutboxRelay::pendingCount)
                .description("Outbox events not yet published")
                .register(meters);
        Gauge.builder("shopstack.outbox.oldest.age", this, OutboxRelay::oldestPendingAgeSeconds)
                .description("Age in seconds of the oldest unpublished outbox event")
                .baseUnit("seconds")
                .register(meters);
    }

    void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (!stopRequested) {
            try {
                Batch batch = publishBatch();
                if (batch.failure() != null) {
                    backoff = nextBackoff(backoff);
                    log.warn(
                            "Publishing outbox events failed ({}); {} published before; retrying in {} ms",
                            batch.failure(),
                            batch.published(),
                            backoff.toMillis());
                    sleep(backoff);
                    continue;
                }
                backoff = Duration.ZERO;
                housekeeping();
                if (batch.published() < properties.batchSize()) {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. the database is unreachable: keep the relay alive and try again later
                backoff = nextBackoff(backoff);
                log.warn("Outbox relay error: {}; retrying in {} ms", e.toString(), backoff.toMillis());
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    record Batch(int published, String failure) {}

    private record Row(
            long id,
            String partitionKey,
            String payload,
            String traceparent,
            String eventType,
            Timestamp createdAt,
            String binding) {}

    /** One transaction: claim up to batch-size pending rows, send them in order, mark each as it is acknowledged. */
    Batch publishBatch() {
        return transaction.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return new Batch(0, null); // another instance is relaying right now
            }
            List<Row> rows = jdbc.query(
                    """
                            select id, partition_key, payload, traceparent, event_type, created_at, binding from outbox_events
                            where published_at is null order by id limit ? for update skip locked""",
                    (rs, n) -> new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getTimestamp(6),
                            rs.getString(7)),
                    properties.batchSize());
            int sent = 0;
            for (Row row : rows) {
                try {
                    send(row);
                } catch (RuntimeException e) {
                    failed.increment();
                    jdbc.update(
                            "update outbox_events set attempts = attempts + 1, last_error = ? where id = ?",
                            abbreviate(rootMessage(e)),
                            row.id());
                    return new Batch(sent, rootMessage(e));
                }
                jdbc.update(
                        "update outbox_events set published_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = ?",
                        row.id());
                published.increment();
                commitToKafka.record(Duration.between(row.createdAt().toInstant(), Instant.now()));
                sent++;
            }
            return new Batch(sent, null);
        });
    }

    private void send(Row row) {
        Message<byte[]> message = MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, row.partitionKey().getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader("event_type", row.eventType())
                .build();
        // Publish inside a span that continues the trace of the request that made the change, so the producer
        // observation (and the consumer's span after it) join that trace instead of starting a new one.
        Span span = publishSpan(row);
        try (Tracer.SpanInScope scope = span == null ? null : tracer.getObject().withSpan(span)) {
            String binding = row.binding() == null ? properties.binding() : row.binding();
            if (binding == null) {
                throw new IllegalStateException("no binding for the message and no shopstack.outbox.binding");
            }
            if (!stream.send(binding, message)) {
                throw new IllegalStateException("the binding refused the message");
            }
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private Span publishSpan(Row row) {
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        if (current == null || propagation == null) {
            return null;
        }
        Span.Builder builder = row.traceparent() == null
                ? current.spanBuilder()
                : propagation.extract(Map.of(TRACEPARENT, row.traceparent()), Map::get);
        return builder.name("outbox publish " + row.eventType())
                .kind(Span.Kind.PRODUCER)
                .start();
    }

    private void housekeeping() {
        if (Instant.now().isBefore(nextHousekeeping)) {
            return;
        }
        nextHousekeeping = Instant.now().plus(Duration.ofMinutes(10));
        int deleted = jdbc.update(
                "delete from outbox_events where published_at < ?",
                Timestamp.from(Instant.now().minus(properties.retention())));
        if (deleted > 0) {
            log.info("Deleted {} outbox events published more than {} ago", deleted, properties.retention());
        }
    }

    long pendingCount() {
        try {
            Long count =
                    jdbc.queryForObject("select count(*) from outbox_events where published_at is null", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    double oldestPendingAgeSeconds() {
        try {
            Double age = jdbc.queryForObject("""
                    select coalesce(extract(epoch from (clock_timestamp() - min(created_at))), 0)
                    from outbox_events where published_at is null""", Double.class);
            return age == null ? 0 : age;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : next;
    }

    private void sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!stopRequested && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    @Override
    public void start() {
        stopRequested = false;
        worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
        running = true;
    }

    @Override
    public void stop() {
        stopRequested = true;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
