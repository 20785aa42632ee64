package io.shopstack.cart.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.cart.CartError;
import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.platform.problem.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dead letters: recorded from the dead-letter topic (idempotently: one row per DLQ record), listed, replayed through
 * the same {@link CatalogEventProcessor} (idempotent, so a replay of something already applied is harmless), or
 * discarded. Rows are kept after replay/discard for the audit trail. Metrics: {@code cart.events.dead_lettered},
 * {@code cart.events.dlq.depth} (pending rows).
 */
@Service
public class DeadLetterService {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);
    private static final int MAX_ERROR_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final CatalogEventProcessor processor;
    private final BindingServiceProperties bindings;
    private final Counter deadLettered;

    DeadLetterService(
            JdbcTemplate jdbc,
            JsonMapper json,
            CatalogEventProcessor processor,
            BindingServiceProperties bindings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.processor = processor;
        this.bindings = bindings;
        this.deadLettered = Counter.builder("cart.events.dead_lettered")
                .description("Catalog events that failed every attempt and were recorded from the dead-letter topic")
                .register(meters);
        Gauge.builder("cart.events.dlq.depth", this, DeadLetterService::pendingOrNaN)
                .description("Dead letters waiting for an operator")
                .register(meters);
    }

    /** Records one record of the dead-letter topic (called by the {@code catalogDeadLetters} binding). */
    public void record(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        Optional<JsonNode> parsed = parse(payload);
        UUID eventId = parsed.map(node -> node.get("event_id"))
                .filter(JsonNode::isString)
                .flatMap(node -> uuid(node.asString()))
                .orElse(null);
        String eventType = parsed.map(node -> node.get("event_type"))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse(null);
        String dlqTopic = text(headers.get(KafkaHeaders.RECEIVED_TOPIC)).orElse("unknown");
        int dlqPartition = number(headers.get(KafkaHeaders.RECEIVED_PARTITION))
                .map(Number::intValue)
                .orElse(-1);
        long dlqOffset =
                number(headers.get(KafkaHeaders.OFFSET)).map(Number::longValue).orElse(-1L);
        Instant failedAt = number(headers.get(KafkaHeaders.RECEIVED_TIMESTAMP))
                .map(n -> Instant.ofEpochMilli(n.longValue()))
                .orElse(Instant.now());
        int inserted = jdbc.update(
                """
                insert into dead_letters (event_id, event_type, record_key, payload, error_class, error_message, attempts,
                                          source_topic, source_partition, source_offset, dlq_topic, dlq_partition,
                                          dlq_offset, failed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing""",
                eventId,
                eventType,
                text(headers.get(KafkaHeaders.RECEIVED_KEY)).orElse(null),
                payload,
                header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN, "x-exception-fqcn")
                        .flatMap(DeadLetterService::text)
                        .orElse(null),
                truncate(header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE, "x-exception-message")
                        .flatMap(DeadLetterService::text)
                        .orElse(null)),
                configuredAttempts(),
                header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, "x-original-topic")
                        .flatMap(DeadLetterService::text)
                        .orElse(null),
                header(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION, "x-original-partition")
                        .flatMap(DeadLetterService::number)
                        .map(Number::intValue)
                        .orElse(null),
                header(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET, "x-original-offset")
                        .flatMap(DeadLetterService::number)
                        .map(Number::longValue)
                        .orElse(null),
                dlqTopic,
                dlqPartition,
                dlqOffset,
                Timestamp.from(failedAt));
        if (inserted == 1) {
            deadLettered.increment();
            log.error(
                    "Catalog event {} dead-lettered after {} attempts (offset {} of {}); see /internal/dead-letters",
                    eventId == null ? "(unreadable record)" : eventId + " (" + eventType + ")",
                    configuredAttempts(),
                    dlqOffset,
                    dlqTopic);
        }
    }

    public List<DeadLetter> list(DeadLetterStatus status, int limit) {
        return jdbc.query("select * from dead_letters where status = ? order by id limit ?", ROW, status.name(), limit);
    }

    public DeadLetter get(long id) {
        return jdbc.query("select * from dead_letters where id = ?", ROW, id).stream()
                .findFirst()
                .orElseThrow(() -> new DomainException(CartError.NOT_FOUND, "Dead letter " + id + " was not found."));
    }

    public long pending() {
        Long count = jdbc.queryForObject("select count(*) from dead_letters where status = 'PENDING'", Long.class);
        return count == null ? 0 : count;
    }

    /** Processes the dead letter's event again; marks it REPLAYED on success, keeps it PENDING with the error otherwise. */
    public ReplayResult replay(long id, String operator) {
        DeadLetter letter = get(id);
        if (letter.status() != DeadLetterStatus.PENDING) {
            throw notPending(letter);
        }
        try {
            CatalogEvent event = json.readValue(letter.payload(), CatalogEvent.class);
            CatalogEventHandler.Result result = processor.process(event, true, CatalogEventProcessor.REPLAY);
            jdbc.update("""
                    update dead_letters set status = 'REPLAYED', replay_attempts = replay_attempts + 1,
                           resolved_at = now(), resolved_by = ? where id = ? and status = 'PENDING'""", operator, id);
            return new ReplayResult(id, DeadLetterStatus.REPLAYED, ReplayOutcome.of(result.outcome()), null);
        } catch (RuntimeException e) {
            String error = e.getClass().getName() + ": " + e.getMessage();
            jdbc.update(
                    "update dead_letters set replay_attempts = replay_attempts + 1, last_replay_error = ? where id = ?",
                    truncate(error),
                    id);
            log.warn("Replay of dead letter {} failed: {}", id, error);
            return new ReplayResult(id, DeadLetterStatus.PENDING, ReplayOutcome.FAILED, truncate(error));
        }
    }

    /** Replays every pending dead letter, oldest first (at most {@code limit}). */
    public List<ReplayResult> replayAll(String operator, int limit) {
        List<ReplayResult> results = new ArrayList<>();
        for (DeadLetter letter : list(DeadLetterStatus.PENDING, limit)) {
            results.add(replay(letter.id(), operator));
        }
        return results;
    }

    public DeadLetter discard(long id, String operator) {
        int changed = jdbc.update("""
                update dead_letters set status = 'DISCARDED', resolved_at = now(), resolved_by = ?
                where id = ? and status = 'PENDING'""", operator, id);
        DeadLetter letter = get(id);
        if (changed == 0) {
            throw notPending(letter);
        }
        log.warn("Dead letter {} (event {}) discarded by {}", id, letter.eventId(), operator);
        return letter;
    }

    private static DomainException notPending(DeadLetter letter) {
        return new DomainException(
                CartError.DEAD_LETTER_NOT_PENDING, "Dead letter " + letter.id() + " is " + letter.status() + ".");
    }

    private int configuredAttempts() {
        return bindings.getConsumerProperties(CatalogEventsConfiguration.BINDING)
                .getMaxAttempts();
    }

    private double pendingOrNaN() {
        try {
            return pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private Optional<JsonNode> parse(String payload) {
        try {
            return Optional.of(json.readTree(payload));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> header(MessageHeaders headers, String name, String legacyName) {
        Object value = headers.get(name);
        return Optional.ofNullable(value != null ? value : headers.get(legacyName));
    }

    private static Optional<String> text(Object value) {
        if (value instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** Kafka's DLT headers carry numbers as 4-byte (partition) or 8-byte (offset, timestamp) big-endian values. */
    private static Optional<Number> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n);
        }
        if (value instanceof byte[] bytes) {
            if (bytes.length == Integer.BYTES) {
                return Optional.of(ByteBuffer.wrap(bytes).getInt());
            }
            if (bytes.length == Long.BYTES) {
                return Optional.of(ByteBuffer.wrap(bytes).getLong());
            }
            try {
                return Optional.of(Long.parseLong(new String(bytes, StandardCharsets.UTF_8).strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_ERROR_LENGTH ? value : value.substring(0, MAX_ERROR_LENGTH) + "…";
    }

    private static final RowMapper<DeadLetter> ROW = (rs, row) -> new DeadLetter(
            rs.getLong("id"),
            rs.getObject("event_id", UUID.class),
            rs.getString("event_type"),
            rs.getString("record_key"),
            rs.getString("payload"),
            rs.getString("error_class"),
            rs.getString("error_message"),
            rs.getInt("attempts"),
            rs.getString("source_topic"),
            (Integer) rs.getObject("source_partition"),
            (Long) rs.getObject("source_offset"),
            instant(rs.getTimestamp("failed_at")),
            instant(rs.getTimestamp("recorded_at")),
            DeadLetterStatus.valueOf(rs.getString("status")),
            rs.getInt("replay_attempts"),
            rs.getString("last_replay_error"),
            instant(rs.getTimestamp("resolved_at")),
            rs.getString("resolved_by"));

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** What a replay did: the handler's outcome, or FAILED (then {@code error} says why). */
    public enum ReplayOutcome {
        APPLIED,
        DUPLICATE,
        STALE,
        RECONCILED,
        FAILED;

        static ReplayOutcome of(CatalogEventHandler.Outcome outcome) {
            return valueOf(outcome.name());
        }
    }

    public record ReplayResult(long id, DeadLetterStatus status, ReplayOutcome outcome, String error) {

        @JsonIgnore
        public boolean failed() {
            return outcome == ReplayOutcome.FAILED;
        }
    }
}
