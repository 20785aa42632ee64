package io.shopstack.events.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What the order saga asks of the catalog's stock (topic {@value #TOPIC}, record key: the order id, so one order's
 * commands stay in order). product-service answers each with a {@link StockReply}. Commands are idempotent per
 * order: a repeated command gets the same answer and changes nothing twice. The saga: docs/order-saga.md.
 *
 * @param lines the products and quantities to reserve ({@link Type#RESERVE} only; empty otherwise)
 */
public record StockCommand(
        @JsonProperty("message_id") UUID messageId,
        @JsonProperty("type") Type type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("lines") List<OrderLine> lines,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public static final String TOPIC = "stock.commands.v1";
    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        /** Take the lines' quantities out of stock for the order, all or none, until confirmed, released or expired. */
        @JsonProperty("stock.reserve")
        RESERVE,
        /** The order is paid: its reservation becomes a sale. */
        @JsonProperty("stock.confirm")
        CONFIRM,
        /** The order is cancelled: its reservation goes back to stock (and a later RESERVE for it is refused). */
        @JsonProperty("stock.release")
        RELEASE
    }

    public StockCommand {
        Objects.requireNonNull(messageId, "message_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderId, "order_id");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The type as written in JSON (e.g. {@code stock.reserve}): the outbox's and the Kafka header's event type. */
    @JsonIgnore
    public String eventType() {
        return "stock." + type.name().toLowerCase(Locale.ROOT);
    }

    public static StockCommand of(Type type, UUID orderId, List<OrderLine> lines) {
        return new StockCommand(UUID.randomUUID(), type, SCHEMA_VERSION, orderId, lines, Instant.now());
    }
}
