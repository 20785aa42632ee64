package io.shopstack.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order API's responses. Names and prices are null until the catalog has reserved the stock. */
public final class OrderViews {

    private OrderViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderView(
            UUID id,
            OrderStatus status,
            CancellationReason cancellationReason,
            boolean cancellable,
            List<Line> lines,
            String currency,
            BigDecimal total,
            String card,
            Instant createdAt,
            Instant updatedAt) {

        static OrderView of(Order order) {
            return new OrderView(
                    order.id(),
                    order.status(),
                    order.cancellationReason(),
                    order.status().isCancellable(),
                    order.lines().stream().map(Line::of).toList(),
                    order.currency(),
                    order.total(),
                    order.cardLast4() == null ? null : "•••• " + order.cardLast4(),
                    order.createdAt(),
                    order.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(long productId, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
        static Line of(Order.Line line) {
            return new Line(
                    line.productId(),
                    line.name(),
                    line.quantity(),
                    line.unitPrice(),
                    line.unitPrice() == null ? null : line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
    }

    public record OrderList(List<OrderView> orders) {}

    /** The result of placing an order: {@code replayed} when the idempotency key had been used already. */
    public record Placed(OrderView order, boolean replayed) {}
}
