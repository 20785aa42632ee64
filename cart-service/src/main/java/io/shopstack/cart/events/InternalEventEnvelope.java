package io.shopstack.cart.events;

import io.shopstack.cart.CartError;
import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.events.catalog.EventTypes;
import io.shopstack.platform.problem.DomainException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads an event pushed to {@code POST /internal/events}: the short shape ({@code event_type}, {@code payload},
 * {@code timestamp}) or the platform's full envelope ({@code CatalogEvent}). The rules for the short shape:
 * <ul>
 *   <li>no {@code event_id}: a name-based id from type, payload and timestamp, so the same request twice is applied
 *       once;</li>
 *   <li>no {@code aggregate_version}: applied without the order check (there is nothing to order by);</li>
 *   <li>{@code aggregate_type}/{@code aggregate_id} from the payload, {@code occurred_at} from {@code timestamp}
 *       (epoch seconds), {@code schema_version} the current one.</li>
 * </ul>
 * Anything else is an {@code INVALID_EVENT}. See docs/consistency-model.md.
 */
final class InternalEventEnvelope {

    private InternalEventEnvelope() {}

    /** @param versioned whether the sender gave an {@code aggregate_version} (then it is ordered by it) */
    record Received(CatalogEvent event, boolean versioned) {}

    static Received read(JsonNode body, JsonMapper json) {
        if (!(body instanceof ObjectNode envelope)) {
            throw invalid("The body must be a JSON object with event_type and payload.");
        }
        String type = text(envelope, "event_type");
        JsonNode payload = envelope.get("payload");
        if (type == null || !EventTypes.ALL.contains(type)) {
            throw invalid("event_type must be one of " + EventTypes.ALL + ".");
        }
        if (payload == null || !payload.isObject()) {
            throw invalid("payload must be a JSON object.");
        }
        String aggregateType = type.substring(0, type.indexOf('.'));
        JsonNode aggregateId = payload.get(aggregateType + "_id");
        if (aggregateId == null || !aggregateId.canConvertToLong()) {
            throw invalid("payload." + aggregateType + "_id is required.");
        }
        boolean versioned = envelope.hasNonNull("aggregate_version");
        ObjectNode normalized = envelope.deepCopy();
        if (!envelope.hasNonNull("event_id")) {
            String identity = type + "|" + json.writeValueAsString(payload) + "|" + text(envelope, "timestamp");
            normalized.put(
                    "event_id",
                    UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                            .toString());
        }
        if (!envelope.hasNonNull("schema_version")) {
            normalized.put("schema_version", CatalogEvent.SCHEMA_VERSION);
        }
        if (!envelope.hasNonNull("aggregate_type")) {
            normalized.put("aggregate_type", aggregateType);
        }
        if (!envelope.hasNonNull("aggregate_id")) {
            normalized.put("aggregate_id", String.valueOf(aggregateId.asLong()));
        }
        if (!versioned) {
            normalized.put("aggregate_version", 0L);
        }
        if (!envelope.hasNonNull("occurred_at")) {
            JsonNode timestamp = envelope.get("timestamp");
            Instant occurredAt = timestamp != null && timestamp.canConvertToLong()
                    ? Instant.ofEpochSecond(timestamp.asLong())
                    : Instant.now();
            normalized.put("occurred_at", occurredAt.toString());
        }
        CatalogEvent event;
        try {
            event = json.treeToValue(normalized, CatalogEvent.class);
        } catch (RuntimeException e) {
            throw invalid("The event does not match the catalog event contract (v1): check the payload fields.");
        }
        return new Received(event, versioned);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static DomainException invalid(String detail) {
        return new DomainException(CartError.INVALID_EVENT, detail);
    }
}
