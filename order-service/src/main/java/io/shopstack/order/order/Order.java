package io.shopstack.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as stored: lines carry the catalog's name and price once the stock is reserved (null before). */
public record Order(
        UUID id,
        String userId,
        OrderStatus status,
        CancellationReason cancellationReason,
        List<Line> lines,
        String currency,
        BigDecimal total,
        String paymentToken,
        String cardLast4,
        String requestHash,
        Instant createdAt,
        Instant updatedAt) {

    public record Line(long productId, int quantity, String name, BigDecimal unitPrice) {}
}
