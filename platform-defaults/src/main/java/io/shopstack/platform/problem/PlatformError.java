package io.shopstack.platform.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The codes every service and the gateway share for errors that are not a service's own: authentication, routing,
 * malformed input, limits, unavailable dependencies. Each names its HTTP status, since these are web errors.
 */
public enum PlatformError {
    BAD_REQUEST(400, "Bad Request"),
    VALIDATION_FAILED(400, "Invalid request"),
    MALFORMED_BODY(400, "Malformed request body"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    CONCURRENT_CHANGE(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    RATE_LIMITED(429, "Too Many Requests"),
    INTERNAL_ERROR(500, "Internal error"),
    BAD_GATEWAY(502, "Bad Gateway"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable"),
    /** The service's own database cannot be reached (declared after SERVICE_UNAVAILABLE: that stays 503's general code). */
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway Timeout");

    private final int status;
    private final String title;

    PlatformError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The general code of a status (the first declared for it), for errors that carry no code of their own. */
    public static Optional<PlatformError> forStatus(int status) {
        return Arrays.stream(values()).filter(error -> error.status == status).findFirst();
    }
}
