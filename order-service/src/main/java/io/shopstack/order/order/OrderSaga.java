package io.shopstack.order.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopstack.events.order.OrderEvent;
import io.shopstack.events.order.OrderLine;
import io.shopstack.events.order.StockCommand;
import io.shopstack.events.order.StockReply;
import io.shopstack.order.payment.PaymentProvider;
import io.shopstack.order.payment.PaymentProvider.Authorization;
import io.shopstack.outbox.Outbox;
import io.shopstack.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The order saga's orchestrator (docs/order-saga.md): PLACED → STOCK_RESERVED → PAYMENT_AUTHORIZED → CONFIRMED, or
 * CANCELLED with a reason and the compensations that reason needs (stock released, authorisation voided).
 * <ul>
 *   <li>Every transition is one transaction on the locked order row, with the next step's message in the outbox.</li>
 *   <li>Every handler is idempotent: a reply that does not fit the order's state changes nothing (redelivery, a late
 *       answer), apart from compensating what it would otherwise leave behind.</li>
 *   <li>The payment call happens outside any transaction; it is idempotent per order at the provider, so a crash
 *       before its outcome was recorded only means asking again.</li>
 * </ul>
 */
@Service
public class OrderSaga {

    static final String STOCK_COMMANDS = "stockCommands-out-0";
    static final String ORDER_EVENTS = "orderEvents-out-0";
    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderStore orders;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final PaymentProvider payments;
    private final SagaProperties properties;
    private final MeterRegistry meters;

    OrderSaga(
            OrderStore orders,
            Outbox outbox,
            TransactionTemplate transaction,
            PaymentProvider payments,
            SagaProperties properties,
            MeterRegistry meters) {
        this.orders = orders;
        this.outbox = outbox;
        this.transaction = transaction;
        this.payments = payments;
        this.properties = properties;
        this.meters = meters;
    }

    /** The first step, in the transaction that creates the order. */
    void placed(UUID orderId, List<Order.Line> lines) {
        send(StockCommand.of(
                StockCommand.Type.RESERVE,
                orderId,
                lines.stream()
                        .map(line -> new OrderLine(line.productId(), line.quantity()))
                        .toList()));
        count("PLACED");
    }

    public void onStockReply(StockReply reply) {
        UUID orderId = reply.orderId();
        switch (reply.type()) {
            case RESERVED -> {
                if (recordReservation(reply)) {
                    pay(orderId);
                }
            }
            case REJECTED -> cancel(orderId, Set.of(OrderStatus.PLACED), CancellationReason.of(reply.reason()), false);
            case CONFIRMED -> confirm(orderId);
            case CONFIRM_FAILED -> {
                // Paid, but the stock was gone (the reservation had expired): cancel, and give the money back.
                if (cancel(
                        orderId,
                        Set.of(OrderStatus.PAYMENT_AUTHORIZED),
                        CancellationReason.RESERVATION_EXPIRED,
                        false)) {
                    payments.voidAuthorization(orderId);
                }
            }
            case RELEASED -> {
                // An expired reservation ends an order that is not paid yet; a payment still under way voids itself
                // when it finds the order cancelled. (A paid one learns it from its confirmation: CONFIRM_FAILED.)
                if (reply.reason() == StockReply.Reason.RESERVATION_EXPIRED
                        && cancel(
                                orderId,
                                Set.of(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED),
                                CancellationReason.RESERVATION_EXPIRED,
                                false)) {
                    payments.voidAuthorization(orderId);
                }
            }
        }
    }

    /** True when the order is (now or already) STOCK_RESERVED, i.e. payment is the next step. */
    private boolean recordReservation(StockReply reply) {
        Boolean next = transaction.execute(status -> {
            Optional<Order> locked = orders.lock(reply.orderId());
            if (locked.isEmpty()) {
                log.warn("Stock reserved for unknown order {}: releasing it", reply.orderId());
                send(StockCommand.of(StockCommand.Type.RELEASE, reply.orderId(), List.of()));
                return false;
            }
            Order order = locked.get();
            switch (order.status()) {
                case PLACED -> {
                    orders.price(order.id(), reply.lines());
                    orders.setStatus(order.id(), OrderStatus.STOCK_RESERVED, null);
                    step(order, OrderStatus.STOCK_RESERVED);
                    return true;
                }
                case STOCK_RESERVED -> {
                    return true; // redelivered after a crash before the payment's outcome was recorded
                }
                case CANCELLED -> {
                    // cancelled while the reservation was under way: the release already sent covers it
                    send(StockCommand.of(StockCommand.Type.RELEASE, order.id(), List.of()));
                    return false;
                }
                default -> {
                    return false;
                }
            }
        });
        return Boolean.TRUE.equals(next);
    }

    /** Authorises the payment of a STOCK_RESERVED order and records the outcome (also the sweeper's retry). */
    public void pay(UUID orderId) {
        // One attempt at a time per order (a redelivery and the sweeper may both try): the lease outlives every
        // attempt (payment-attempts x the provider's timeout), and the sweeper tries again only after it.
        if (!orders.claimPayment(orderId, properties.retryAfter())) {
            return;
        }
        Order order = orders.find(orderId).orElseThrow();
        Authorization authorization = null;
        for (int attempt = 1; attempt <= properties.paymentAttempts() && authorization == null; attempt++) {
            try {
                authorization = Timer.builder("shopstack.orders.payment")
                        .description("Payment authorisation calls")
                        .register(meters)
                        .recordCallable(() ->
                                payments.authorize(orderId, order.paymentToken(), order.total(), order.currency()));
            } catch (PaymentProvider.PaymentTimeoutException e) {
                log.warn(
                        "Payment for order {} timed out (attempt {} of {})",
                        orderId,
                        attempt,
                        properties.paymentAttempts());
            } catch (Exception e) {
                throw new IllegalStateException("payment authorisation failed", e); // retried by the binder/sweeper
            }
        }
        if (authorization == null) {
            // The outcome is unknown: cancel, then void whatever the provider may hold (idempotent). Cancelling
            // first means no other step can move the order on meanwhile.
            cancel(orderId, Set.of(OrderStatus.STOCK_RESERVED), CancellationReason.PAYMENT_TIMEOUT, true);
            payments.voidAuthorization(orderId);
            return;
        }
        if (!authorization.approved()) {
            cancel(orderId, Set.of(OrderStatus.STOCK_RESERVED), CancellationReason.PAYMENT_DECLINED, true);
            return;
        }
        OrderStatus found = transaction.execute(status -> {
            Order current = orders.lock(orderId).orElseThrow();
            if (current.status() == OrderStatus.STOCK_RESERVED) {
                orders.setStatus(orderId, OrderStatus.PAYMENT_AUTHORIZED, null);
                step(current, OrderStatus.PAYMENT_AUTHORIZED);
                send(StockCommand.of(StockCommand.Type.CONFIRM, orderId, List.of()));
            }
            return current.status();
        });
        if (found == OrderStatus.CANCELLED) {
            // cancelled (by the customer, or its reservation expired) while the payment was under way: give it back
            payments.voidAuthorization(orderId);
        }
    }

    /** The sweeper's nudge for a PAYMENT_AUTHORIZED order whose confirmation has not come back. */
    void askConfirmation(UUID orderId) {
        transaction.executeWithoutResult(status -> {
            if (orders.lock(orderId)
                    .map(Order::status)
                    .filter(s -> s == OrderStatus.PAYMENT_AUTHORIZED)
                    .isPresent()) {
                send(StockCommand.of(StockCommand.Type.CONFIRM, orderId, List.of()));
            }
        });
    }

    private void confirm(UUID orderId) {
        transaction.executeWithoutResult(status -> {
            Optional<Order> locked = orders.lock(orderId);
            if (locked.isEmpty() || locked.get().status() != OrderStatus.PAYMENT_AUTHORIZED) {
                return;
            }
            Order order = locked.get();
            orders.setStatus(orderId, OrderStatus.CONFIRMED, null);
            step(order, OrderStatus.CONFIRMED);
            publish(order, OrderEvent.Type.CONFIRMED, null);
        });
    }

    /**
     * Cancels the order if it is in one of {@code from}; {@code releaseStock} sends the stock's release (not needed
     * when the stock side itself refused, released or expired it). False when the order was not in {@code from}.
     */
    boolean cancel(UUID orderId, Set<OrderStatus> from, CancellationReason reason, boolean releaseStock) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Optional<Order> locked = orders.lock(orderId);
            if (locked.isEmpty() || !from.contains(locked.get().status())) {
                return false;
            }
            Order order = locked.get();
            orders.setStatus(orderId, OrderStatus.CANCELLED, reason);
            step(order, OrderStatus.CANCELLED);
            meters.counter("shopstack.orders.compensations", "reason", reason.name())
                    .increment();
            if (releaseStock) {
                send(StockCommand.of(StockCommand.Type.RELEASE, orderId, List.of()));
            }
            publish(order, OrderEvent.Type.CANCELLED, reason.name().toLowerCase());
            return true;
        }));
    }

    private void step(Order order, OrderStatus reached) {
        count(reached.name());
        Timer.builder("shopstack.orders.saga.step")
                .description("Time from an order's creation to each state it reaches")
                .tag("status", reached.name())
                .publishPercentiles(0.5, 0.99)
                .register(meters)
                .record(Duration.between(order.createdAt(), Instant.now()));
    }

    private void count(String status) {
        meters.counter("shopstack.orders.transitions", "status", status).increment();
    }

    private void send(StockCommand command) {
        outbox.append(new OutboxMessage(
                STOCK_COMMANDS,
                command.messageId(),
                command.eventType(),
                "order",
                command.orderId().toString(),
                0,
                command.orderId().toString(),
                command));
    }

    private void publish(Order order, OrderEvent.Type type, String reason) {
        OrderEvent event = OrderEvent.of(
                type,
                order.id(),
                order.userId(),
                order.lines().stream()
                        .map(line -> new OrderLine(line.productId(), line.quantity()))
                        .toList(),
                reason);
        outbox.append(new OutboxMessage(
                ORDER_EVENTS,
                event.messageId(),
                event.eventType(),
                "order",
                order.id().toString(),
                0,
                order.id().toString(),
                event));
    }
}
