package io.shopstack.platform.problem;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An error that domain code throws (no HTTP types here): a stable {@link ErrorCode}, a sentence for the client, and
 * optional extra members (e.g. {@code productId}, {@code availableStock}) and a retry delay. The web layer turns it
 * into an RFC 9457 problem in one place; thrown inside a transaction, it rolls the transaction back.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    public DomainException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public DomainException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    /** Adds a member to the problem body. */
    public DomainException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** The client may retry after this delay (a {@code Retry-After} header and {@code retryAfterSeconds} member). */
    public DomainException retryAfter(Duration delay) {
        this.retryAfter = delay;
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public Optional<Duration> retryAfterDelay() {
        return Optional.ofNullable(retryAfter);
    }
}
