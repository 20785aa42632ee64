package io.shopstack.cart.catalog;

import io.shopstack.cart.CartError;
import io.shopstack.platform.problem.DomainException;

import java.time.Duration;

/**
 * product-service could not answer (circuit open, timeout, overload, 5xx, no instance): a write cannot proceed, nothing
 * was written; the client may retry after the delay.
 */
public class CatalogUnavailableException extends DomainException {

    private final String diagnosis;

    public CatalogUnavailableException(String diagnosis, Duration retryAfter, Throwable cause) {
        super(
                CartError.CATALOG_UNAVAILABLE,
                "The product catalog cannot be reached right now; nothing was changed. Please retry later.",
                retryAfter,
                cause);
        this.diagnosis = diagnosis;
    }

    /** What went wrong, for the log (never for the client). */
    public String diagnosis() {
        return diagnosis;
    }
}
