package io.shopstack.product.stock;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.events.order.OrderLine;
import io.shopstack.events.order.PricedLine;
import io.shopstack.events.order.StockCommand;
import io.shopstack.events.order.StockReply;
import io.shopstack.outbox.Outbox;
import io.shopstack.outbox.OutboxMessage;
import io.shopstack.product.catalog.CatalogEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reserve, confirm and release stock for orders; every outcome is one transaction with its reply and its catalog
 * stock events in the outbox.
 * <ul>
 *   <li>No overselling: each line is a conditional {@code UPDATE ... WHERE stock_quantity >= quantity}; PostgreSQL
 *       re-checks the condition on the row it locked, so concurrent reservations of the last items cannot both
 *       succeed. Lines are taken in product id order, so two orders never wait on each other's rows.</li>
 *   <li>All or nothing: a line that cannot be reserved rolls the whole reservation back.</li>
 *   <li>Idempotent: one row per order; a repeated command is answered from it and changes nothing.</li>
 * </ul>
 * Why and how, with the state machine: docs/order-saga.md.
 */
@Service
public class StockReservations {

    /** The output binding of stock replies (topic {@value StockReply#TOPIC}). */
    static final String REPLIES = "stockReplies-out-0";

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final StockProperties properties;
    private final MeterRegistry meters;

    StockReservations(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            Outbox outbox,
            StockProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.properties = properties;
        this.meters = meters;
    }

    public void handle(StockCommand command) {
        switch (command.type()) {
            case RESERVE -> reserve(command.orderId(), command.lines());
            case CONFIRM -> confirm(command.orderId());
            case RELEASE -> release(command.orderId());
        }
    }

    void reserve(UUID orderId, List<OrderLine> lines) {
        Rejection rejection;
        try {
            transaction.executeWithoutResult(status -> reserveAll(orderId, lines));
            return;
        } catch (Rejection e) {
            rejection = e;
        }
        // The reservation rolled back: record the refusal (unless a concurrent delivery recorded an outcome first).
        Rejection refused = rejection;
        transaction.executeWithoutResult(status -> {
            int inserted = jdbc.update("""
                    insert into stock_reservations (order_id, status, reason, expires_at)
                    values (?, 'REJECTED', ?, now()) on conflict (order_id) do nothing""", orderId, refused.reason.name());
            if (inserted == 1) {
                count("rejected");
                reply(StockReply.of(StockReply.Type.REJECTED, orderId, List.of(), refused.reason, null));
            } else {
                answerFromRecord(orderId);
            }
        });
    }

    private void reserveAll(UUID orderId, List<OrderLine> lines) {
        Instant expiresAt = Instant.now().plus(properties.reservationTtl());
        int inserted = jdbc.update("""
                insert into stock_reservations (order_id, status, expires_at) values (?, 'RESERVED', ?)
                on conflict (order_id) do nothing""", orderId, Timestamp.from(expiresAt));
        if (inserted == 0) {
            answerFromRecord(orderId); // a repeated command: the answer it got before
            return;
        }
        if (lines.isEmpty()) {
            throw new Rejection(StockReply.Reason.PRODUCT_UNAVAILABLE);
        }
        Map<Long, Integer> quantities = new TreeMap<>(); // product id order: no two orders wait on each other
        for (OrderLine line : lines) {
            if (line.quantity() <= 0) {
                throw new Rejection(StockReply.Reason.PRODUCT_UNAVAILABLE);
            }
            quantities.merge(line.productId(), line.quantity(), Integer::sum);
        }
        List<PricedLine> priced = new java.util.ArrayList<>();
        for (Map.Entry<Long, Integer> line : quantities.entrySet()) {
            long productId = line.getKey();
            int quantity = line.getValue();
            List<Taken> taken = jdbc.query(
                    """
                    update products set stock_quantity = stock_quantity - ?, version = version + 1
                    where id = ? and active and stock_quantity >= ?
                    returning stock_quantity, version, name, price, currency""",
                    (rs, n) -> new Taken(
                            rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5)),
                    quantity,
                    productId,
                    quantity);
            if (taken.isEmpty()) {
                Boolean forSale = jdbc
                        .query("select active from products where id = ?", (rs, n) -> rs.getBoolean(1), productId)
                        .stream()
                        .findFirst()
                        .orElse(false);
                throw new Rejection(forSale ? StockReply.Reason.OUT_OF_STOCK : StockReply.Reason.PRODUCT_UNAVAILABLE);
            }
            Taken now = taken.getFirst();
            jdbc.update("""
                    insert into stock_reservation_lines (order_id, product_id, quantity, name, unit_price, currency)
                    values (?, ?, ?, ?, ?, ?)""", orderId, productId, quantity, now.name(), now.price(), now.currency());
            outbox.append(CatalogEvents.stockChanged(productId, now.stock(), now.version()));
            priced.add(new PricedLine(productId, now.name(), quantity, now.price(), now.currency()));
        }
        count("reserved");
        reply(StockReply.of(StockReply.Type.RESERVED, orderId, priced, null, expiresAt));
    }

    void confirm(UUID orderId) {
        transaction.executeWithoutResult(status -> {
            Optional<Reservation> reservation = lock(orderId);
            if (reservation.isEmpty()) {
                log.warn("Confirm for order {} without a reservation: refused", orderId);
                reply(StockReply.of(
                        StockReply.Type.CONFIRM_FAILED,
                        orderId,
                        List.of(),
                        StockReply.Reason.RESERVATION_RELEASED,
                        null));
                return;
            }
            switch (reservation.get().status()) {
                case RESERVED -> {
                    setStatus(orderId, ReservationStatus.CONFIRMED, null);
                    count("confirmed");
                    reply(StockReply.of(StockReply.Type.CONFIRMED, orderId, lines(orderId), null, null));
                }
                case CONFIRMED -> reply(StockReply.of(StockReply.Type.CONFIRMED, orderId, lines(orderId), null, null));
                case EXPIRED, RELEASED, REJECTED ->
                    reply(StockReply.of(
                            StockReply.Type.CONFIRM_FAILED,
                            orderId,
                            List.of(),
                            reservation.get().status() == ReservationStatus.EXPIRED
                                    ? StockReply.Reason.RESERVATION_EXPIRED
                                    : StockReply.Reason.RESERVATION_RELEASED,
                            null));
            }
        });
    }

    void release(UUID orderId) {
        transaction.executeWithoutResult(status -> {
            // A release that overtakes its reserve leaves a tombstone, so the late reserve is refused.
            int tombstone = jdbc.update("""
                    insert into stock_reservations (order_id, status, reason, expires_at)
                    values (?, 'RELEASED', 'RELEASE_REQUESTED', now()) on conflict (order_id) do nothing""", orderId);
            if (tombstone == 1) {
                reply(StockReply.of(
                        StockReply.Type.RELEASED, orderId, List.of(), StockReply.Reason.RELEASE_REQUESTED, null));
                return;
            }
            Reservation reservation = lock(orderId).orElseThrow();
            if (reservation.status() == ReservationStatus.RESERVED) {
                giveBack(orderId, ReservationStatus.RELEASED, StockReply.Reason.RELEASE_REQUESTED);
                count("released");
            } else if (reservation.status() == ReservationStatus.CONFIRMED) {
                // A sale is not undone by a release (returns are not part of the saga): say so, change nothing.
                log.warn("Release for order {} whose stock was already sold: ignored", orderId);
                reply(StockReply.of(StockReply.Type.CONFIRMED, orderId, lines(orderId), null, null));
            } else {
                reply(StockReply.of(
                        StockReply.Type.RELEASED, orderId, List.of(), StockReply.Reason.RELEASE_REQUESTED, null));
            }
        });
    }

    /** Gives back the stock of reservations past their expiry (an order that stalled); returns how many. */
    public int expireDue(int limit) {
        Integer expired = transaction.execute(status -> {
            List<UUID> due = jdbc.queryForList("""
                    select order_id from stock_reservations where status = 'RESERVED' and expires_at < now()
                    order by expires_at limit ? for update skip locked""", UUID.class, limit);
            for (UUID orderId : due) {
                giveBack(orderId, ReservationStatus.EXPIRED, StockReply.Reason.RESERVATION_EXPIRED);
                count("expired");
            }
            return due.size();
        });
        if (expired != null && expired > 0) {
            log.info("Released the stock of {} expired reservations", expired);
        }
        return expired == null ? 0 : expired;
    }

    private void giveBack(UUID orderId, ReservationStatus status, StockReply.Reason reason) {
        List<PricedLine> lines = lines(orderId);
        for (PricedLine line : lines.stream()
                .sorted(Comparator.comparingLong(PricedLine::productId))
                .toList()) {
            jdbc.query(
                            """
                            update products set stock_quantity = stock_quantity + ?, version = version + 1
                            where id = ? returning stock_quantity, version""",
                            (rs, n) -> CatalogEvents.stockChanged(line.productId(), rs.getInt(1), rs.getLong(2)),
                            line.quantity(),
                            line.productId())
                    .forEach(outbox::append); // a deleted product has nothing to give back to
        }
        setStatus(orderId, status, reason.name());
        reply(StockReply.of(StockReply.Type.RELEASED, orderId, lines, reason, null));
    }

    private void answerFromRecord(UUID orderId) {
        Reservation reservation = lock(orderId).orElseThrow();
        StockReply answer = switch (reservation.status()) {
            case RESERVED ->
                StockReply.of(StockReply.Type.RESERVED, orderId, lines(orderId), null, reservation.expiresAt());
            case CONFIRMED -> StockReply.of(StockReply.Type.CONFIRMED, orderId, lines(orderId), null, null);
            case REJECTED ->
                StockReply.of(
                        StockReply.Type.REJECTED,
                        orderId,
                        List.of(),
                        StockReply.Reason.valueOf(reservation.reason()),
                        null);
            case RELEASED, EXPIRED ->
                StockReply.of(
                        StockReply.Type.REJECTED, orderId, List.of(), StockReply.Reason.RESERVATION_RELEASED, null);
        };
        reply(answer);
    }

    private Optional<Reservation> lock(UUID orderId) {
        return jdbc
                .query(
                        "select status, reason, expires_at from stock_reservations where order_id = ? for update",
                        (rs, n) -> new Reservation(
                                ReservationStatus.valueOf(rs.getString(1)),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant()),
                        orderId)
                .stream()
                .findFirst();
    }

    private List<PricedLine> lines(UUID orderId) {
        return jdbc.query(
                """
                select product_id, name, quantity, unit_price, currency from stock_reservation_lines
                where order_id = ? order by product_id""",
                (rs, n) -> new PricedLine(
                        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getString(5)),
                orderId);
    }

    private void setStatus(UUID orderId, ReservationStatus status, String reason) {
        jdbc.update(
                "update stock_reservations set status = ?, reason = coalesce(?, reason), updated_at = now() where order_id = ?",
                status.name(),
                reason,
                orderId);
    }

    private void reply(StockReply reply) {
        outbox.append(new OutboxMessage(
                REPLIES,
                reply.messageId(),
                reply.eventType(),
                "order",
                reply.orderId().toString(),
                0,
                reply.orderId().toString(),
                reply));
    }

    private void count(String outcome) {
        meters.counter("shopstack.stock.reservations", "outcome", outcome).increment();
    }

    private record Taken(int stock, long version, String name, BigDecimal price, String currency) {}

    private record Reservation(ReservationStatus status, String reason, Instant expiresAt) {}

    /** Rolls the reservation's transaction back; the refusal is recorded in a new one. */
    private static final class Rejection extends RuntimeException {
        private final StockReply.Reason reason;

        Rejection(StockReply.Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }
}
