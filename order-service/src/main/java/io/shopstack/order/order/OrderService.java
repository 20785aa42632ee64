package io.shopstack.order.order;

import io.shopstack.order.OrderError;
import io.shopstack.order.cart.CartClient;
import io.shopstack.order.payment.PaymentProvider;
import io.shopstack.platform.problem.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Placing, reading and cancelling a shopper's orders; the saga does the rest. */
@Service
public class OrderService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final int MAX_LIST = 50;

    private final OrderStore orders;
    private final OrderSaga saga;
    private final CartClient carts;
    private final PaymentProvider payments;
    private final TransactionTemplate transaction;

    OrderService(
            OrderStore orders,
            OrderSaga saga,
            CartClient carts,
            PaymentProvider payments,
            TransactionTemplate transaction) {
        this.orders = orders;
        this.saga = saga;
        this.carts = carts;
        this.payments = payments;
        this.transaction = transaction;
    }

    /**
     * The caller's cart becomes an order, once per idempotency key: the same key again returns the same order (also
     * while it is being created concurrently), a different request under a used key is refused.
     */
    public OrderViews.Placed place(String userId, String bearerToken, String idempotencyKey, String paymentMethod) {
        requireIdempotencyKey(idempotencyKey);
        String requestHash = sha256(paymentMethod == null ? "" : paymentMethod.replaceAll("[ -]", ""));
        Optional<OrderViews.Placed> earlier = replay(userId, idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PaymentProvider.PaymentMethod method;
        try {
            method = payments.tokenize(paymentMethod);
        } catch (PaymentProvider.InvalidPaymentMethodException e) {
            throw new DomainException(OrderError.PAYMENT_METHOD_INVALID, e.getMessage()).with("field", "paymentMethod");
        }
        CartClient.Cart cart = carts.cartOf(bearerToken);
        if (cart.items().isEmpty()) {
            throw new DomainException(OrderError.CART_EMPTY, "The cart is empty: there is nothing to order.");
        }
        List<CartClient.Item> unavailable =
                cart.items().stream().filter(CartClient.Item::unavailable).toList();
        if (!unavailable.isEmpty() && unavailable.stream().allMatch(CartClient.Item::outOfStock)) {
            throw new DomainException(
                    OrderError.OUT_OF_STOCK,
                    "Not enough in stock for some items in the cart; change their quantities or remove them.");
        }
        if (cart.hasUnavailableItems()) {
            throw new DomainException(
                    OrderError.CART_HAS_UNAVAILABLE_ITEMS,
                    "Some items in the cart cannot be bought (deleted, inactive or out of stock); remove them first.");
        }
        List<Order.Line> lines = cart.items().stream()
                .map(item -> new Order.Line(item.productId(), item.quantity(), null, null))
                .toList();
        UUID id = UUID.randomUUID();
        boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!orders.insert(id, userId, idempotencyKey, requestHash, method.token(), method.last4(), lines)) {
                return false; // a concurrent request with the same key won
            }
            saga.placed(id, lines);
            return true;
        }));
        if (!created) {
            return replay(userId, idempotencyKey, requestHash).orElseThrow();
        }
        return new OrderViews.Placed(OrderViews.OrderView.of(orders.find(id).orElseThrow()), false);
    }

    /** Checked before anything else of the request, so a client learns first that it cannot retry safely. */
    static void requireIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new DomainException(
                    OrderError.IDEMPOTENCY_KEY_REQUIRED,
                    "Send an Idempotency-Key header (8 to 64 letters, digits, '-' or '_'), the same on every retry.");
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new DomainException(
                    OrderError.IDEMPOTENCY_KEY_INVALID,
                    "The Idempotency-Key must be 8 to 64 letters, digits, '-' or '_'.");
        }
    }

    public OrderViews.OrderList list(String userId, int limit) {
        return new OrderViews.OrderList(orders.ofUser(userId, Math.max(1, Math.min(limit, MAX_LIST))).stream()
                .map(OrderViews.OrderView::of)
                .toList());
    }

    public OrderViews.OrderView get(String userId, UUID id) {
        return OrderViews.OrderView.of(own(userId, id));
    }

    /** Cancels an order that is not paid yet; the stock goes back. */
    public OrderViews.OrderView cancel(String userId, UUID id) {
        Order order = own(userId, id);
        if (!saga.cancel(
                id,
                Set.of(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED),
                CancellationReason.CANCELLED_BY_CUSTOMER,
                true)) {
            Order now = orders.find(id).orElse(order);
            if (now.status() == OrderStatus.CANCELLED) {
                return OrderViews.OrderView.of(now); // cancelling twice is no error
            }
            throw new DomainException(
                    OrderError.ORDER_NOT_CANCELLABLE,
                    "The order is " + now.status() + " and can no longer be cancelled.");
        }
        return OrderViews.OrderView.of(orders.find(id).orElseThrow());
    }

    private Optional<OrderViews.Placed> replay(String userId, String idempotencyKey, String requestHash) {
        return orders.byIdempotencyKey(userId, idempotencyKey).map(order -> {
            if (!order.requestHash().equals(requestHash)) {
                throw new DomainException(
                        OrderError.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request; use a new key for a new order.");
            }
            return new OrderViews.Placed(OrderViews.OrderView.of(order), true);
        });
    }

    private Order own(String userId, UUID id) {
        return orders.find(id)
                .filter(order -> order.userId().equals(userId))
                .orElseThrow(() -> new DomainException(OrderError.NOT_FOUND, "Order " + id + " was not found."));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
