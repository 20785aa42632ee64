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
    private final Duration retryAfter;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    public DomainException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, null, cause);
    }

    /**
     * @param retryAfter when the client may retry (a {@code Retry-After} header and {@code retryAfterSeconds} member),
     *                   or null
     */
    public DomainException(ErrorCode code, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** Adds a member to the problem body. */
    public DomainException with(String name, Object value) {
        properties.put(name, value);
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
