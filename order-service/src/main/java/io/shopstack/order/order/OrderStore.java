package io.shopstack.order.order;

import io.shopstack.events.order.PricedLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders in the service's own database (plain JDBC: the saga needs row locks and conditional transitions). */
@Repository
class OrderStore {

    private static final String COLUMNS = """
            id, user_id, status, cancellation_reason, currency, total, payment_token, card_last4, request_hash,
            created_at, updated_at""";

    private final JdbcTemplate jdbc;

    OrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new order; false when the user already used this idempotency key (nothing written). */
    boolean insert(
            UUID id,
            String userId,
            String idempotencyKey,
            String requestHash,
            String paymentToken,
            String cardLast4,
            List<Order.Line> lines) {
        int inserted = jdbc.update("""
                insert into orders (id, user_id, idempotency_key, request_hash, status, payment_token, card_last4)
                values (?, ?, ?, ?, 'PLACED', ?, ?) on conflict (user_id, idempotency_key) do nothing""", id, userId, idempotencyKey, requestHash, paymentToken, cardLast4);
        if (inserted == 0) {
            return false;
        }
        for (Order.Line line : lines) {
            jdbc.update(
                    "insert into order_lines (order_id, product_id, quantity) values (?, ?, ?)",
                    id,
                    line.productId(),
                    line.quantity());
        }
        return true;
    }

    Optional<Order> byIdempotencyKey(String userId, String idempotencyKey) {
        return one(
                "select " + COLUMNS + " from orders where user_id = ? and idempotency_key = ?", userId, idempotencyKey);
    }

    Optional<Order> find(UUID id) {
        return one("select " + COLUMNS + " from orders where id = ?", id);
    }

    /** The order, its row locked until the transaction ends: one transition at a time. */
    Optional<Order> lock(UUID id) {
        return one("select " + COLUMNS + " from orders where id = ? for update", id);
    }

    List<Order> ofUser(String userId, int limit) {
        List<Order> orders = new ArrayList<>();
        jdbc.query(
                "select " + COLUMNS + " from orders where user_id = ? order by created_at desc, id limit ?",
                rs -> {
                    orders.add(map(rs));
                },
                userId,
                limit);
        return orders;
    }

    void setStatus(UUID id, OrderStatus status, CancellationReason reason) {
        jdbc.update("""
                update orders set status = ?, cancellation_reason = ?, updated_at = clock_timestamp(), version = version + 1
                where id = ?""", status.name(), reason == null ? null : reason.name(), id);
    }

    /**
     * Takes the payment step of a STOCK_RESERVED order for {@code lease}: false when the order is not STOCK_RESERVED or
     * another instance (or a redelivery) holds the step, so two payment attempts for one order never overlap.
     */
    boolean claimPayment(UUID id, Duration lease) {
        return jdbc.update("""
                        update orders set payment_claimed_at = clock_timestamp()
                        where id = ? and status = 'STOCK_RESERVED'
                        and (payment_claimed_at is null or payment_claimed_at < ?)""", id, Timestamp.from(Instant.now().minus(lease))) == 1;
    }

    /** Freezes the catalog's names and prices as reserved, and the total. */
    void price(UUID id, List<PricedLine> lines) {
        BigDecimal total = BigDecimal.ZERO;
        String currency = null;
        for (PricedLine line : lines) {
            jdbc.update(
                    "update order_lines set name = ?, unit_price = ? where order_id = ? and product_id = ?",
                    line.name(),
                    line.unitPrice(),
                    id,
                    line.productId());
            total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
            currency = line.currency();
        }
        jdbc.update("update orders set total = ?, currency = ? where id = ?", total, currency, id);
    }

    /**
     * Claims up to {@code limit} orders in {@code status} untouched for {@code idleFor} (locked, skipping rows another
     * instance holds) and marks them touched, so that the next sweep leaves them alone for another period.
     */
    List<UUID> claimIdle(OrderStatus status, Duration idleFor, int limit) {
        return jdbc.queryForList(
                """
                update orders set updated_at = clock_timestamp() where id in (
                    select id from orders where status = ? and updated_at < ? order by updated_at limit ?
                    for update skip locked)
                returning id""", UUID.class, status.name(), Timestamp.from(Instant.now().minus(idleFor)), limit);
    }

    long count(OrderStatus status) {
        Long count = jdbc.queryForObject("select count(*) from orders where status = ?", Long.class, status.name());
        return count == null ? 0 : count;
    }

    /** Orders not in a final state and untouched for longer than {@code idleFor}: the saga is stuck on them. */
    long stuck(Duration idleFor) {
        Long count = jdbc.queryForObject(
                "select count(*) from orders where status not in ('CONFIRMED', 'CANCELLED') and updated_at < ?",
                Long.class,
                Timestamp.from(Instant.now().minus(idleFor)));
        return count == null ? 0 : count;
    }

    private Optional<Order> one(String sql, Object... args) {
        List<Order> found = new ArrayList<>();
        jdbc.query(
                sql,
                rs -> {
                    found.add(map(rs));
                },
                args);
        return found.stream().findFirst();
    }

    private Order map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String reason = rs.getString("cancellation_reason");
        return new Order(
                id,
                rs.getString("user_id"),
                OrderStatus.valueOf(rs.getString("status")),
                reason == null ? null : CancellationReason.valueOf(reason),
                lines(id),
                rs.getString("currency"),
                rs.getBigDecimal("total"),
                rs.getString("payment_token"),
                rs.getString("card_last4"),
                rs.getString("request_hash"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static final RowMapper<Order.Line> LINE = (rs, n) -> new Order.Line(
            rs.getLong("product_id"), rs.getInt("quantity"), rs.getString("name"), rs.getBigDecimal("unit_price"));

    private List<Order.Line> lines(UUID orderId) {
        return jdbc.query(
                "select product_id, quantity, name, unit_price from order_lines where order_id = ? order by product_id",
                LINE,
                orderId);
    }
}
