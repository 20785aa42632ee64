package io.shopstack.platform.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The platform's problem vocabulary (RFC 9457): every error body of every service and the gateway is a
 * {@link ProblemDetail} with {@code type} ({@code https://shopstack.io/problems/<code-in-kebab-case>}), {@code title},
 * {@code status}, {@code detail}, {@code instance} and a stable {@code code}; extra members only where a code
 * documents them. The codes are listed in {@code docs/problems.md}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://shopstack.io/problems/";
    /** The member that carries the stable code. */
    public static final String CODE = "code";
    /** The member that repeats {@code Retry-After} in the body. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        problem.setProperty(CODE, code);
        return problem;
    }

    public static ProblemDetail of(PlatformError error, String detail) {
        return of(HttpStatusCode.valueOf(error.status()), error.name(), error.title(), detail);
    }

    /** A problem for a bare status, with the status's general code and, without a detail, its default sentence. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        String sentence = detail == null ? defaultDetail(status) : detail;
        return PlatformError.forStatus(status.value())
                .map(error -> of(error, sentence))
                .orElseGet(() -> of(status, "HTTP_" + status.value(), reasonPhrase(status), sentence));
    }

    public static ProblemDetail of(DomainException exception) {
        ErrorCode code = exception.code();
        ProblemDetail problem = of(status(code.outcome()), code.name(), code.title(), exception.detail());
        exception.properties().forEach(problem::setProperty);
        exception
                .retryAfterDelay()
                .ifPresent(delay -> problem.setProperty(RETRY_AFTER_SECONDS, retryAfterSeconds(delay)));
        return problem;
    }

    /**
     * Gives a problem made elsewhere (by Spring's own handlers) the platform's members: the general code of its status
     * and the matching type, unless it has a code already.
     */
    public static ProblemDetail withPlatformCode(ProblemDetail problem) {
        if (problem.getProperties() != null && problem.getProperties().containsKey(CODE)) {
            return problem;
        }
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        ProblemDetail general = forStatus(status, problem.getDetail());
        problem.setType(general.getType());
        if (problem.getTitle() == null || problem.getTitle().equals(reasonPhrase(status))) {
            problem.setTitle(general.getTitle());
        }
        problem.setProperty(CODE, general.getProperties().get(CODE));
        return problem;
    }

    public static HttpStatus status(Outcome outcome) {
        return switch (outcome) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case DEPENDENCY_FAILED -> HttpStatus.BAD_GATEWAY;
        };
    }

    public static URI type(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Whole seconds, rounded up, at least 1: the value of a {@code Retry-After} header. */
    public static long retryAfterSeconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }

    /** A sentence per status, for errors whose producer gave none. Never an exception message. */
    public static String defaultDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 401 -> "A bearer token is required.";
            case 403 -> "The token lacks the scope or role this request needs.";
            case 404 -> "No such resource.";
            case 405 -> "The method is not allowed for this resource.";
            case 406 -> "No acceptable representation of the resource is available.";
            case 413 -> "The request body is larger than this service accepts.";
            case 415 -> "The content type is not supported.";
            case 429 -> "Too many requests; retry after the time given in Retry-After.";
            case 502 -> "The service behind answered with an invalid response.";
            case 503 -> "The service is temporarily unavailable; retry later.";
            case 504 -> "The service did not answer in time.";
            default ->
                status.is5xxServerError()
                        ? "An unexpected error occurred; it has been logged."
                        : reasonPhrase(status) + ".";
        };
    }

    private static String reasonPhrase(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
    }
}
