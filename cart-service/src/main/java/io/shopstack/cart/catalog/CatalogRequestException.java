package io.shopstack.cart.catalog;

/**
 * product-service rejected the request itself (a 4xx other than 404): a bug on our side, not an outage. Neither
 * retried nor counted by the circuit breaker (configured in {@code resilience4j.*.ignore-exceptions}).
 */
public class CatalogRequestException extends RuntimeException {

    public CatalogRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
