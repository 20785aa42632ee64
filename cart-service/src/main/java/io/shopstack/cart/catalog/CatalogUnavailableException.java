package io.shopstack.cart.catalog;

import java.time.Duration;

/** product-service could not answer (circuit open, timeout, overload, 5xx, no instance): a write cannot proceed. */
public class CatalogUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public CatalogUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
