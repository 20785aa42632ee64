package io.shopstack.order.order;

import io.shopstack.order.OrderError;
import io.shopstack.platform.problem.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Iterator;
import java.util.UUID;

/** The signed-in shopper's orders (the token's subject); another user's order is simply not found. */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /**
     * Body: {@code {"paymentMethod": "4242 4242 4242 4242"}} and nothing else: the lines come from the cart and the
     * prices from the catalog, never from the client. 202: the order is under way (poll it); a replay under the same
     * key answers the same order with {@code Idempotent-Replayed: true}.
     */
    @PostMapping
    ResponseEntity<OrderViews.OrderView> place(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody(required = false) JsonNode body) {
        OrderService.requireIdempotencyKey(idempotencyKey);
        OrderViews.Placed placed =
                orders.place(jwt.getSubject(), jwt.getTokenValue(), idempotencyKey, paymentMethod(body));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", String.valueOf(placed.replayed()))
                .body(placed.order());
    }

    @GetMapping
    OrderViews.OrderList list(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "20") int limit) {
        return orders.list(jwt.getSubject(), limit);
    }

    @GetMapping("/{id}")
    OrderViews.OrderView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return orders.get(jwt.getSubject(), orderId(id));
    }

    @PostMapping("/{id}/cancel")
    OrderViews.OrderView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return orders.cancel(jwt.getSubject(), orderId(id));
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new DomainException(OrderError.NOT_FOUND, "Order " + id + " was not found.");
        }
    }

    private static String paymentMethod(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException(
                            OrderError.PAYMENT_METHOD_INVALID,
                            "Send {\"paymentMethod\": \"<card number>\"}: the order is made of the cart's items.")
                    .with("field", "paymentMethod");
        }
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("paymentMethod")) {
                throw new DomainException(
                                OrderError.UNKNOWN_FIELD,
                                "'" + name + "' cannot be set: an order's items come from the cart and its prices"
                                        + " from the catalog; only 'paymentMethod' is accepted.")
                        .with("field", name);
            }
        }
        JsonNode method = body.get("paymentMethod");
        if (method == null || !method.isString() || method.asString().isBlank()) {
            throw new DomainException(OrderError.PAYMENT_METHOD_INVALID, "paymentMethod must be a card number.")
                    .with("field", "paymentMethod");
        }
        return method.asString();
    }
}
