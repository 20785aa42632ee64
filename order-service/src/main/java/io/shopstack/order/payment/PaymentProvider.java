package io.shopstack.order.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The payment seam. The simulator ({@link SimulatedPaymentProvider}) is the development adapter; a real provider is a
 * second implementation of this interface (docs/order-saga.md, "Payment"). Every call is idempotent per order: the
 * order id is the provider's idempotency key, so a retried authorisation never charges twice.
 */
public interface PaymentProvider {

    /**
     * Turns what the shopper entered into the provider's token (real providers do this in the browser, so the card
     * number never reaches us; the simulator takes its test card numbers).
     *
     * @throws InvalidPaymentMethodException the method is not usable (bad number)
     */
    PaymentMethod tokenize(String paymentMethod);

    /**
     * @throws PaymentTimeoutException no answer in time: the outcome is unknown, ask again with the same order
     */
    Authorization authorize(UUID orderId, String token, BigDecimal amount, String currency);

    /** Cancels the order's authorisation, if there is one; harmless otherwise. */
    void voidAuthorization(UUID orderId);

    record PaymentMethod(String token, String last4) {}

    record Authorization(boolean approved, String declineCode) {

        public static Authorization approvedOne() {
            return new Authorization(true, null);
        }

        public static Authorization declined(String code) {
            return new Authorization(false, code);
        }
    }

    class InvalidPaymentMethodException extends RuntimeException {
        public InvalidPaymentMethodException(String message) {
            super(message);
        }
    }

    class PaymentTimeoutException extends RuntimeException {
        public PaymentTimeoutException(String message) {
            super(message);
        }
    }
}
