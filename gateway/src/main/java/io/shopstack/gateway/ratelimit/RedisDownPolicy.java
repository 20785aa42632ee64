package io.shopstack.gateway.ratelimit;

import java.util.Locale;

/**
 * What a route's rate limiter does while Redis cannot answer (down, unreachable, or slower than the command timeout).
 */
public enum RedisDownPolicy {

    /** Let the request through, unthrottled. For routes where availability matters more than throttling. */
    FAIL_OPEN,

    /** Refuse the request with 503 and Retry-After. For routes whose throttling is a security control. */
    FAIL_CLOSED;

    /** Parses {@code fail-open} / {@code FAIL_OPEN} / {@code open} (and the same for closed). */
    public static RedisDownPolicy parse(String value) {
        String normalised = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (normalised) {
            case "fail-open", "open" -> FAIL_OPEN;
            case "fail-closed", "closed" -> FAIL_CLOSED;
            default ->
                throw new IllegalArgumentException("redis-down must be fail-open or fail-closed, was '" + value + "'");
        };
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
