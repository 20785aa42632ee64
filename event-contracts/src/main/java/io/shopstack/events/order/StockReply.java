package io.shopstack.events.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * product-service's answer to a {@link StockCommand}, or news about a reservation (it expired), on topic {@value
 * #TOPIC} keyed by the order id.
 *
 * @param lines         {@link Type#RESERVED}: every line with the catalog's name and price at reservation time
 * @param reason        {@link Type#REJECTED}, {@link Type#CONFIRM_FAILED}, {@link Type#RELEASED}: why
 * @param reservedUntil {@link Type#RESERVED}: when the reservation expires unless confirmed
 */
public record StockReply(
        @JsonProperty("message_id") UUID messageId,
        @JsonProperty("type") Type type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("order_id") UUID orderId,
        @JsonProperty("lines") List<PricedLine> lines,
        @JsonProperty("reason") Reason reason,
        @JsonProperty("reserved_until") Instant reservedUntil,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public static final String TOPIC = "stock.replies.v1";
    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        @JsonProperty("stock.reserved")
        RESERVED,
        @JsonProperty("stock.rejected")
        REJECTED,
        @JsonProperty("stock.confirmed")
        CONFIRMED,
        /** The reservation could not become a sale (it had expired and the stock was gone). */
        @JsonProperty("stock.confirm_failed")
        CONFIRM_FAILED,
        /** The reservation went back to stock: on request, or because it expired. */
        @JsonProperty("stock.released")
        RELEASED
    }

    public enum Reason {
        @JsonProperty("out_of_stock")
        OUT_OF_STOCK,
        /** A product does not exist (any more) or is not for sale. */
        @JsonProperty("product_unavailable")
        PRODUCT_UNAVAILABLE,
        /** The order's reservation was released or expired before this command. */
        @JsonProperty("reservation_released")
        RESERVATION_RELEASED,
        @JsonProperty("reservation_expired")
        RESERVATION_EXPIRED,
        @JsonProperty("release_requested")
        RELEASE_REQUESTED
    }

    public StockReply {
        Objects.requireNonNull(messageId, "message_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderId, "order_id");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The type as written in JSON (e.g. {@code stock.reserved}): the outbox's and the Kafka header's event type. */
    @JsonIgnore
    public String eventType() {
        return "stock." + type.name().toLowerCase(Locale.ROOT);
    }

    public static StockReply of(Type type, UUID orderId, List<PricedLine> lines, Reason reason, Instant reservedUntil) {
        return new StockReply(
                UUID.randomUUID(), type, SCHEMA_VERSION, orderId, lines, reason, reservedUntil, Instant.now());
    }
}
