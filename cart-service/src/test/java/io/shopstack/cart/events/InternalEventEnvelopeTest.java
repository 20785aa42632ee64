package io.shopstack.cart.events;

import io.shopstack.cart.CartError;
import io.shopstack.events.catalog.CatalogEvent;
import io.shopstack.events.catalog.CatalogPayload;
import io.shopstack.platform.problem.DomainException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code POST /internal/events} reads an event: pure logic, no servers. */
@Tag("unit")
class InternalEventEnvelopeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theShortShapeBecomesAnUnversionedEventWithADeterministicId() {
        String body = """
                {"event_type":"category.updated","payload":{"category_id":1,"name":"Updated Category"},"timestamp":1234567890}""";
        var first = InternalEventEnvelope.read(json.readTree(body), json);
        var again = InternalEventEnvelope.read(json.readTree(body), json);
        assertThat(first.versioned()).isFalse();
        CatalogEvent event = first.event();
        assertThat(event.eventId())
                .as("the same request twice is the same event")
                .isEqualTo(again.event().eventId());
        assertThat(event.aggregateType()).isEqualTo("category");
        assertThat(event.aggregateId()).isEqualTo("1");
        assertThat(event.schemaVersion()).isEqualTo(CatalogEvent.SCHEMA_VERSION);
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1234567890));
        assertThat(event.payload()).isEqualTo(new CatalogPayload.CategoryUpdated(1, "Updated Category"));
    }

    @Test
    void anEventWithAVersionIsOrderedByIt() {
        var received = InternalEventEnvelope.read(json.readTree("""
                {"event_type":"product.stock_changed","aggregate_version":7,
                 "payload":{"product_id":42,"stock_quantity":3}}"""), json);
        assertThat(received.versioned()).isTrue();
        assertThat(received.event().aggregateVersion()).isEqualTo(7);
    }

    @Test
    void malformedEventsAreInvalidEvents() {
        for (String body : new String[] {
            "[]",
            "{\"payload\":{}}",
            "{\"event_type\":\"product.exploded\",\"payload\":{}}",
            "{\"event_type\":\"category.updated\",\"payload\":[]}",
            "{\"event_type\":\"category.updated\",\"payload\":{\"name\":\"x\"}}",
            "{\"event_type\":\"product.price_changed\",\"payload\":{\"product_id\":1,\"new_price\":\"cheap\"}}"
        }) {
            assertThatThrownBy(() -> InternalEventEnvelope.read(json.readTree(body), json))
                    .as(body)
                    .isInstanceOfSatisfying(
                            DomainException.class,
                            error -> assertThat(error.code()).isEqualTo(CartError.INVALID_EVENT));
        }
    }
}
