package io.shopstack.events.catalog;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire format is the contract: field names, the type from event_type, exact decimals, unknown fields ignored. */
@Tag("unit")
class CatalogEventJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void roundTripsEveryPayloadType() {
        for (CatalogEvent event : new CatalogEvent[] {
            CatalogEvent.of(
                    EventTypes.PRODUCT_UPDATED,
                    3,
                    new CatalogPayload.ProductSnapshot(
                            42, "Mug", new BigDecimal("9.90"), "EUR", 5, true, 7L, "Kitchen")),
            CatalogEvent.of(EventTypes.PRODUCT_DELETED, 4, new CatalogPayload.ProductDeleted(42)),
            CatalogEvent.of(
                    EventTypes.PRODUCT_PRICE_CHANGED,
                    5,
                    new CatalogPayload.PriceChanged(42, new BigDecimal("9.90"), new BigDecimal("8.10"), "EUR")),
            CatalogEvent.of(EventTypes.PRODUCT_STOCK_CHANGED, 6, new CatalogPayload.StockChanged(42, 0)),
            CatalogEvent.of(EventTypes.CATEGORY_UPDATED, 2, new CatalogPayload.CategoryUpdated(7, "Kitchen & Dining")),
            CatalogEvent.of(EventTypes.CATEGORY_DELETED, 3, new CatalogPayload.CategoryDeleted(7))
        }) {
            String text = json.writeValueAsString(event);
            assertThat(json.readValue(text, CatalogEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void readsTheDocumentedShapeAndIgnoresUnknownFields() {
        String text = """
                {"event_id":"6f1c2a54-3f0e-4a4b-9d55-2f7c9b1e0a11","event_type":"product.price_changed","schema_version":1,
                 "aggregate_type":"product","aggregate_id":"42","aggregate_version":7,"occurred_at":"2026-11-26T12:00:00Z",
                 "timestamp":1795694400,"added_later":"ignored",
                 "payload":{"product_id":42,"old_price":"19.99","new_price":17.99,"currency":"EUR","also_new":true}}""";
        CatalogEvent event = json.readValue(text, CatalogEvent.class);
        assertThat(event.payload())
                .isEqualTo(
                        new CatalogPayload.PriceChanged(42, new BigDecimal("19.99"), new BigDecimal("17.99"), "EUR"));
        assertThat(event.partitionKey()).isEqualTo("product-42");
        assertThat(event.aggregateVersion()).isEqualTo(7);
    }

    @Test
    void writesSnakeCaseNamesTheGuideUses() {
        String text = json.writeValueAsString(CatalogEvent.of(
                EventTypes.CATEGORY_UPDATED, 1, new CatalogPayload.CategoryUpdated(1, "Updated Category")));
        assertThat(text)
                .contains(
                        "\"event_type\":\"category.updated\"",
                        "\"payload\":{\"category_id\":1,\"name\":\"Updated Category\"}",
                        "\"timestamp\":",
                        "\"aggregate_version\":1")
                .doesNotContain("partitionKey");
    }

    @Test
    void rejectsUnknownEventTypes() {
        assertThatThrownBy(() -> json.readValue("""
                {"event_id":"6f1c2a54-3f0e-4a4b-9d55-2f7c9b1e0a11","event_type":"product.exploded","schema_version":1,
                 "aggregate_type":"product","aggregate_id":"1","aggregate_version":1,"occurred_at":"2026-11-26T12:00:00Z",
                 "payload":{"product_id":1}}""", CatalogEvent.class)).isInstanceOf(Exception.class);
    }
}
