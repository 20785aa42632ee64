package io.shopstack.events.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every catalog event (contract v1, topic {@value #TOPIC}). JSON field names are snake_case, as in
 * the cart's {@code POST /internal/events} ({@code event_type}, {@code payload}, {@code timestamp}). The contract's
 * rules, and what consumers rely on: docs/consistency-model.md.
 *
 * <pre>{@code
 * {"event_id":"6f1c…","event_type":"product.price_changed","schema_version":1,
 *  "aggregate_type":"product","aggregate_id":"42","aggregate_version":7,
 *  "occurred_at":"2026-11-26T12:00:00Z","timestamp":1795694400,
 *  "payload":{"product_id":42,"old_price":"19.99","new_price":"17.99","currency":"EUR"}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code event_id}: unique per event; consumers deduplicate on it (at-least-once delivery).</li>
 *   <li>{@code aggregate_version}: the aggregate's version after the change; a consumer ignores an event older than
 *       what it has applied for the same aggregate.</li>
 *   <li>Kafka record key: {@link #partitionKey()}, so one product's (or category's) events stay in order.</li>
 *   <li>Compatible changes (new optional fields) keep {@code schema_version} 1; consumers ignore unknown fields.
 *       Breaking changes get a new topic and schema version.</li>
 * </ul>
 */
public record CatalogEvent(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("aggregate_type") String aggregateType,
        @JsonProperty("aggregate_id") String aggregateId,
        @JsonProperty("aggregate_version") long aggregateVersion,
        @JsonProperty("occurred_at") Instant occurredAt,

        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "event_type")
        @JsonSubTypes({
            @JsonSubTypes.Type(
                    value = CatalogPayload.ProductSnapshot.class,
                    names = {EventTypes.PRODUCT_CREATED, EventTypes.PRODUCT_UPDATED}),
            @JsonSubTypes.Type(value = CatalogPayload.ProductDeleted.class, name = EventTypes.PRODUCT_DELETED),
            @JsonSubTypes.Type(value = CatalogPayload.PriceChanged.class, name = EventTypes.PRODUCT_PRICE_CHANGED),
            @JsonSubTypes.Type(value = CatalogPayload.StockChanged.class, name = EventTypes.PRODUCT_STOCK_CHANGED),
            @JsonSubTypes.Type(value = CatalogPayload.CategoryUpdated.class, name = EventTypes.CATEGORY_UPDATED),
            @JsonSubTypes.Type(value = CatalogPayload.CategoryDeleted.class, name = EventTypes.CATEGORY_DELETED)
        })
        @JsonProperty("payload")
        CatalogPayload payload) {

    public static final String TOPIC = "catalog.events.v1";
    public static final int SCHEMA_VERSION = 1;

    public CatalogEvent {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(aggregateType, "aggregate_type");
        Objects.requireNonNull(aggregateId, "aggregate_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(payload, "payload");
        if (!EventTypes.ALL.contains(eventType)) {
            throw new IllegalArgumentException("Unknown event_type " + eventType);
        }
    }

    /** A new event about a product or category, version {@code aggregateVersion}, happening now. */
    public static CatalogEvent of(String eventType, long aggregateVersion, CatalogPayload payload) {
        return new CatalogEvent(
                UUID.randomUUID(),
                eventType,
                SCHEMA_VERSION,
                payload.aggregateType(),
                String.valueOf(payload.aggregateId()),
                aggregateVersion,
                Instant.now(),
                payload);
    }

    /** {@code timestamp}: epoch seconds of {@link #occurredAt()} (also accepted by {@code POST /internal/events}). */
    @JsonProperty("timestamp")
    public long timestamp() {
        return occurredAt.getEpochSecond();
    }

    /** Kafka record key: {@code product-42}, {@code category-7}. */
    @JsonIgnore
    public String partitionKey() {
        return aggregateType + "-" + aggregateId;
    }
}
