package io.shopstack.events.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What happened to an order (topic {@value #TOPIC}, record key: the order id), for any service that reacts to orders:
 * cart-service takes a confirmed order's lines out of the shopper's cart.
 *
 * @param userId the shopper (the token subject)
 * @param lines  what was ordered
 * @param reason {@link Type#CANCELLED}: why (the order API's cancellation reason, lower case)
 */
public record OrderEvent(
        @JsonProperty("message_id") UUID messageId,
        @JsonProperty("type") Type type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("lines") List<OrderLine> lines,
        @JsonProperty("reason") String reason,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public static final String TOPIC = "order.events.v1";
    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        @JsonProperty("order.confirmed")
        CONFIRMED,
        @JsonProperty("order.cancelled")
        CANCELLED
    }

    public OrderEvent {
        Objects.requireNonNull(messageId, "message_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderId, "order_id");
        Objects.requireNonNull(userId, "user_id");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The type as written in JSON (e.g. {@code order.confirmed}): the outbox's and the Kafka header's event type. */
    @JsonIgnore
    public String eventType() {
        return "order." + type.name().toLowerCase(Locale.ROOT);
    }

    public static OrderEvent of(Type type, UUID orderId, String userId, List<OrderLine> lines, String reason) {
        return new OrderEvent(UUID.randomUUID(), type, SCHEMA_VERSION, orderId, userId, lines, reason, Instant.now());
    }
}
