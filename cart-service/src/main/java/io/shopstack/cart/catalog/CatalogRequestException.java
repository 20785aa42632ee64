package io.shopstack.cart.catalog;

import io.shopstack.cart.CartError;
import io.shopstack.platform.problem.DomainException;

/**
 * product-service rejected the request itself (a 4xx other than 404): a bug on our side, not an outage. Neither
 * retried nor counted by the circuit breaker (configured in {@code resilience4j.*.ignore-exceptions}).
 */
public class CatalogRequestException extends DomainException {

    public CatalogRequestException(String diagnosis, Throwable cause) {
        super(
                CartError.CATALOG_ERROR,
                "The product catalog rejected the cart's request; it has been logged.",
                new IllegalStateException(diagnosis, cause));
    }
}
