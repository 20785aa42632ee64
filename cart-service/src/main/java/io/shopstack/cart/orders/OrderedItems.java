package io.shopstack.cart.orders;

import io.shopstack.events.order.OrderEvent;
import io.shopstack.events.order.OrderLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;

/**
 * A confirmed order's lines leave the shopper's cart: each ordered quantity is taken off its product's item (what was
 * added after checkout stays). Idempotent: the event id is recorded in {@code processed_events} in the same
 * transaction, so a redelivered event changes nothing.
 */
@Service
class OrderedItems {

    private static final Logger log = LoggerFactory.getLogger(OrderedItems.class);

    private final JdbcTemplate jdbc;

    OrderedItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void apply(OrderEvent event) {
        if (event.type() != OrderEvent.Type.CONFIRMED) {
            return; // a cancelled order leaves the cart as it was: the shopper may try again
        }
        int first = jdbc.update("""
                insert into processed_events (event_id, event_type, aggregate_type, aggregate_id, aggregate_version,
                                              outcome, source, occurred_at)
                values (?, 'order.confirmed', 'order', ?, null, 'APPLIED', 'KAFKA', ?) on conflict do nothing""", event.messageId(), event.orderId().toString(), Timestamp.from(event.occurredAt()));
        if (first == 0) {
            return;
        }
        for (OrderLine line : event.lines()) {
            jdbc.update("""
                    delete from cart_items where product_id = ? and quantity <= ?
                    and cart_id = (select id from carts where user_id = ?)""", line.productId(), line.quantity(), event.userId());
            jdbc.update("""
                    update cart_items set quantity = quantity - ? where product_id = ? and quantity > ?
                    and cart_id = (select id from carts where user_id = ?)""", line.quantity(), line.productId(), line.quantity(), event.userId());
        }
        jdbc.update("update carts set updated_at = now() where user_id = ?", event.userId());
        log.debug(
                "Order {}: its {} lines left the cart of {}",
                event.orderId(),
                event.lines().size(),
                event.userId());
    }
}
