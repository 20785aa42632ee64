package io.shopstack.events.order;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga's wire format (docs/order-saga.md): snake_case members, dotted type names, and back again. */
class OrderMessagesJsonTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aStockCommandIsWrittenInTheContractsNamesAndReadBack() {
        StockCommand command =
                StockCommand.of(StockCommand.Type.RESERVE, UUID.randomUUID(), List.of(new OrderLine(42, 3)));
        JsonNode written = json.readTree(json.writeValueAsString(command));
        assertThat(written.get("type").asString()).isEqualTo("stock.reserve").isEqualTo(command.eventType());
        assertThat(written.get("order_id").asString())
                .isEqualTo(command.orderId().toString());
        assertThat(written.get("lines").get(0).get("product_id").asLong()).isEqualTo(42);
        assertThat(written.has("event_type")).isFalse();
        assertThat(json.readValue(json.writeValueAsString(command), StockCommand.class))
                .isEqualTo(command);
    }

    @Test
    void aReplyCarriesTheFrozenPricesAndAReason() {
        StockReply reply = new StockReply(
                UUID.randomUUID(),
                StockReply.Type.CONFIRM_FAILED,
                1,
                UUID.randomUUID(),
                List.of(new PricedLine(7, "Mug", 2, new BigDecimal("9.90"), "EUR")),
                StockReply.Reason.RESERVATION_EXPIRED,
                null,
                Instant.parse("2026-11-30T12:00:00Z"));
        JsonNode written = json.readTree(json.writeValueAsString(reply));
        assertThat(written.get("type").asString()).isEqualTo("stock.confirm_failed");
        assertThat(written.get("reason").asString()).isEqualTo("reservation_expired");
        assertThat(written.get("lines").get(0).get("unit_price").decimalValue()).isEqualByComparingTo("9.90");
        assertThat(json.readValue(json.writeValueAsString(reply), StockReply.class))
                .isEqualTo(reply);
    }

    @Test
    void anOrderEventNamesItsUserAndAConsumerIgnoresUnknownMembers() {
        String future = """
                {"message_id":"%s","type":"order.confirmed","schema_version":1,"order_id":"%s","user_id":"alice",
                 "lines":[{"product_id":1,"quantity":2}],"occurred_at":"2026-11-30T12:00:00Z","new_member":true}""".formatted(UUID.randomUUID(), UUID.randomUUID());
        OrderEvent event = JsonMapper.builder()
                .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(future, OrderEvent.class);
        assertThat(event.type()).isEqualTo(OrderEvent.Type.CONFIRMED);
        assertThat(event.eventType()).isEqualTo("order.confirmed");
        assertThat(event.lines()).containsExactly(new OrderLine(1, 2));
    }
}
