package io.shopstack.order.payment;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A local payment provider's sandbox, with test cards like a real provider's (README, "Orders"):
 * <ul>
 *   <li>{@code 4242 4242 4242 4242}: approved</li>
 *   <li>{@code 4000 0000 0000 0002}: declined ({@code card_declined})</li>
 *   <li>{@code 4000 0000 0000 9995}: declined ({@code insufficient_funds})</li>
 *   <li>{@code 4000 0000 0000 0119}: never answers in time (a timeout; nothing is charged)</li>
 *   <li>any other number that passes the Luhn check: approved up to {@code decline-above}, declined above it</li>
 * </ul>
 * Its ledger ({@code simulated_payments}) plays the provider's side: one row per order, so an authorisation asked
 * again returns the first answer and a charge is never made twice.
 */
public class SimulatedPaymentProvider implements PaymentProvider {

    static final String TOKEN_PREFIX = "sim_";

    private final JdbcTemplate jdbc;
    private final BigDecimal declineAbove;
    private final Duration timeout;

    public SimulatedPaymentProvider(JdbcTemplate jdbc, BigDecimal declineAbove, Duration timeout) {
        this.jdbc = jdbc;
        this.declineAbove = declineAbove;
        this.timeout = timeout;
    }

    @Override
    public PaymentMethod tokenize(String paymentMethod) {
        String digits = paymentMethod == null ? "" : paymentMethod.replaceAll("[ -]", "");
        if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
            throw new InvalidPaymentMethodException("Not a valid card number.");
        }
        String last4 = digits.substring(digits.length() - 4);
        return new PaymentMethod(TOKEN_PREFIX + behaviour(digits) + "_" + last4, last4);
    }

    @Override
    public Authorization authorize(UUID orderId, String token, BigDecimal amount, String currency) {
        List<String> earlier =
                jdbc.queryForList("select status from simulated_payments where order_id = ?", String.class, orderId);
        if (!earlier.isEmpty()) {
            return answer(earlier.getFirst());
        }
        String behaviour = token.startsWith(TOKEN_PREFIX) ? token.substring(4, token.lastIndexOf('_')) : "invalid";
        String status = switch (behaviour) {
            case "approve" -> amount.compareTo(declineAbove) > 0 ? "DECLINED:amount_limit" : "AUTHORIZED";
            case "decline" -> "DECLINED:card_declined";
            case "funds" -> "DECLINED:insufficient_funds";
            case "timeout" -> {
                sleep(timeout); // the provider's silence, as the caller's timer sees it
                throw new PaymentTimeoutException("The payment provider did not answer within " + timeout);
            }
            default -> "DECLINED:invalid_token";
        };
        jdbc.update(
                "insert into simulated_payments (order_id, amount, currency, status) values (?, ?, ?, ?) on conflict do nothing",
                orderId,
                amount,
                currency,
                status);
        return answer(
                jdbc.queryForObject("select status from simulated_payments where order_id = ?", String.class, orderId));
    }

    @Override
    public void voidAuthorization(UUID orderId) {
        jdbc.update(
                "update simulated_payments set status = 'VOIDED', updated_at = clock_timestamp() where order_id = ? and status = 'AUTHORIZED'",
                orderId);
    }

    private static Authorization answer(String status) {
        if (status.equals("AUTHORIZED")) {
            return Authorization.approvedOne();
        }
        return Authorization.declined(status.startsWith("DECLINED:") ? status.substring(9) : status.toLowerCase());
    }

    private static String behaviour(String digits) {
        return switch (digits) {
            case "4000000000000002" -> "decline";
            case "4000000000009995" -> "funds";
            case "4000000000000119" -> "timeout";
            default -> "approve";
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
