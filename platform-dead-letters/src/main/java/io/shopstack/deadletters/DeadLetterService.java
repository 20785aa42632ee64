package io.shopstack.deadletters;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.platform.problem.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dead letters of a service's consumers: recorded from the dead-letter topics (idempotently: one row per DLQ
 * record, in the service's own {@code dead_letters} table), listed, replayed through the {@link DeadLetterHandler}
 * of the message's source topic, or discarded. Rows are kept after replay/discard for the audit trail. Metrics (the
 * same names in every service): {@value #RECORDED} (counter, tag {@code topic}), {@value #PENDING} (gauge, pending
 * rows).
 */
public class DeadLetterService {

    public static final String RECORDED = "shopstack.dead_letters.recorded";
    public static final String PENDING = "shopstack.dead_letters.pending";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);
    private static final int MAX_ERROR_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final BindingServiceProperties bindings;
    private final Map<String, DeadLetterHandler> handlers;
    private final MeterRegistry meters;

    public DeadLetterService(
            JdbcTemplate jdbc,
            JsonMapper json,
            BindingServiceProperties bindings,
            List<DeadLetterHandler> handlers,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.bindings = bindings;
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(DeadLetterHandler::sourceTopic, Function.identity()));
        this.meters = meters;
        Gauge.builder(PENDING, this, DeadLetterService::pendingOrNaN)
                .description("Dead letters waiting for an operator")
                .register(meters);
    }

    /** Records one record of a dead-letter topic (the service's {@code ...DeadLetters} binding calls this). */
    public void record(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        Optional<JsonNode> parsed = parse(payload);
        // Events name themselves event_id/event_type, the saga's commands and replies message_id/type.
        UUID eventId = parsed.flatMap(node -> member(node, "event_id", "message_id"))
                .flatMap(node -> uuid(node.asString()))
                .orElse(null);
        String eventType = parsed.flatMap(node -> member(node, "event_type", "type"))
                .map(JsonNode::asString)
                .map(type -> type.length() > 64 ? type.substring(0, 64) : type)
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
        String sourceTopic = header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, "x-original-topic")
                .flatMap(DeadLetterService::text)
                .orElse(null);
        int attempts = configuredAttempts(sourceTopic != null ? sourceTopic : dlqTopic);
        int inserted = jdbc.update(
                """
                insert into dead_letters (event_id, event_type, record_key, payload, error_class, error_message, attempts,
                                          source_topic, source_partition, source_offset, dlq_topic, dlq_partition,
                                          dlq_offset, failed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing""",
                eventId,
                eventType,
                clip(text(headers.get(KafkaHeaders.RECEIVED_KEY)).orElse(null)),
                payload,
                clip(header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN, "x-exception-fqcn")
                        .flatMap(DeadLetterService::text)
                        .orElse(null)),
                truncate(header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE, "x-exception-message")
                        .flatMap(DeadLetterService::text)
                        .orElse(null)),
                attempts,
                sourceTopic,
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
            Counter.builder(RECORDED)
                    .description("Messages that failed every attempt and were recorded from a dead-letter topic")
                    .tag("topic", dlqTopic)
                    .register(meters)
                    .increment();
            log.error(
                    "Message {} dead-lettered after {} attempts (offset {} of {}); see /internal/dead-letters",
                    eventId == null ? "(no event id)" : eventId + " (" + eventType + ")",
                    attempts,
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
                .orElseThrow(
                        () -> new DomainException(DeadLetterError.NOT_FOUND, "Dead letter " + id + " was not found."));
    }

    public long pending() {
        Long count = jdbc.queryForObject("select count(*) from dead_letters where status = 'PENDING'", Long.class);
        return count == null ? 0 : count;
    }

    /** Processes the dead letter again; marks it REPLAYED on success, keeps it PENDING with the error otherwise. */
    public ReplayResult replay(long id, String operator) {
        DeadLetter letter = get(id);
        if (letter.status() != DeadLetterStatus.PENDING) {
            throw notPending(letter);
        }
        try {
            Enum<?> outcome = handler(letter).replay(letter.payload());
            jdbc.update("""
                    update dead_letters set status = 'REPLAYED', replay_attempts = replay_attempts + 1,
                           resolved_at = now(), resolved_by = ? where id = ? and status = 'PENDING'""", operator, id);
            return new ReplayResult(id, DeadLetterStatus.REPLAYED, outcome.name(), null);
        } catch (RuntimeException e) {
            String error = e.getClass().getName() + ": " + e.getMessage();
            jdbc.update(
                    "update dead_letters set replay_attempts = replay_attempts + 1, last_replay_error = ? where id = ?",
                    truncate(error),
                    id);
            log.warn("Replay of dead letter {} failed: {}", id, error);
            return new ReplayResult(id, DeadLetterStatus.PENDING, ReplayResult.FAILED, truncate(error));
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

    /**
     * The handler of the letter's source topic; a record without the binder's original-topic header is matched by
     * its DLQ topic's name ({@code <topic>.<group>.dlq}).
     */
    private DeadLetterHandler handler(DeadLetter letter) {
        String topic = letter.sourceTopic();
        if (topic == null) {
            String dlqTopic =
                    jdbc.queryForObject("select dlq_topic from dead_letters where id = ?", String.class, letter.id());
            topic = handlers.keySet().stream()
                    .filter(source -> dlqTopic != null && dlqTopic.startsWith(source + "."))
                    .findFirst()
                    .orElse(dlqTopic);
        }
        DeadLetterHandler handler = handlers.get(topic);
        if (handler == null) {
            throw new IllegalStateException("No dead-letter handler for topic " + topic);
        }
        return handler;
    }

    private static DomainException notPending(DeadLetter letter) {
        return new DomainException(
                DeadLetterError.DEAD_LETTER_NOT_PENDING, "Dead letter " + letter.id() + " is " + letter.status() + ".");
    }

    /** The {@code max-attempts} of the input binding that reads {@code topic} (the binder's default if none does). */
    private int configuredAttempts(String topic) {
        for (Map.Entry<String, BindingProperties> binding :
                bindings.getBindings().entrySet()) {
            String destination = binding.getValue().getDestination();
            if (binding.getKey().contains("-in-")
                    && destination != null
                    && Arrays.stream(destination.split(",")).map(String::strip).anyMatch(topic::equals)) {
                return bindings.getConsumerProperties(binding.getKey()).getMaxAttempts();
            }
        }
        return new ConsumerProperties().getMaxAttempts();
    }

    /** {@link #pending()} for a gauge: NaN while the database does not answer (a gauge must not throw). */
    public double pendingOrNaN() {
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

    private static Optional<JsonNode> member(JsonNode node, String name, String otherName) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString()) {
            value = node.get(otherName);
        }
        return Optional.ofNullable(value).filter(JsonNode::isString);
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
            return longValue(new String(bytes, StandardCharsets.UTF_8));
        }
        if (value instanceof String s) {
            return longValue(s);
        }
        return Optional.empty();
    }

    private static Optional<Number> longValue(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A value for a {@code VARCHAR(255)} column: a record key is whatever the producer chose. */
    private static String clip(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
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

    /**
     * What a replay did: the handler's outcome (its enum's name, e.g. {@code APPLIED}), or {@value #FAILED} (then
     * {@code error} says why).
     */
    public record ReplayResult(long id, DeadLetterStatus status, String outcome, String error) {

        public static final String FAILED = "FAILED";

        @JsonIgnore
        public boolean failed() {
            return FAILED.equals(outcome);
        }
    }
}
