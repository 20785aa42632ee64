package io.shopstack.platform.servlet;

import io.shopstack.platform.problem.DomainException;
import io.shopstack.platform.problem.Outcome;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.servlet.database.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, each with the platform's {@code code} ({@link Problems}), for every error a service's MVC
 * layer produces: the service's {@link DomainException}s (status from their outcome, {@code Retry-After} when they
 * give a delay), Spring MVC's own exceptions (400, 404, 405, 415, ...), validation errors with a field-by-field
 * {@code errors} map, unreadable JSON without parser internals, and any unexpected exception as a plain 500 (logged,
 * never echoed), except an unreachable database: 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}. This is the one place where a service's errors become HTTP.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PlatformProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformProblemDetailsAdvice.class);

    private final Duration databaseRetryAfter;

    public PlatformProblemDetailsAdvice() {
        this(Duration.ofSeconds(2));
    }

    /** @param databaseRetryAfter the {@code Retry-After} of a 503 {@code DATABASE_UNAVAILABLE} */
    public PlatformProblemDetailsAdvice(Duration databaseRetryAfter) {
        this.databaseRetryAfter = databaseRetryAfter;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(PlatformError.VALIDATION_FAILED, "The request has invalid fields.");
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : exception.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        exception
                .getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException exception,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        ProblemDetail problem = Problems.of(PlatformError.VALIDATION_FAILED, "The request has invalid parameters.");
        Map<String, List<String>> errors = new LinkedHashMap<>();
        exception
                .getParameterValidationResults()
                .forEach(result -> errors.put(
                        result.getMethodParameter().getParameterName(),
                        result.getResolvableErrors().stream()
                                .map(error -> String.valueOf(error.getDefaultMessage()))
                                .toList()));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // The parser's message names classes and offsets: log it, answer with a plain sentence.
        log.debug("Unreadable request body", exception);
        ProblemDetail problem = Problems.of(
                PlatformError.MALFORMED_BODY,
                "The request body is missing, not valid JSON, or has a value of the wrong type.");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A concurrent change won (JPA {@code @Version}): the client should reload and retry. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException exception) {
        log.debug("Optimistic locking conflict", exception);
        return Problems.of(
                PlatformError.CONCURRENT_CHANGE, "The resource was changed concurrently; reload it and retry.");
    }

    /**
     * The database cannot be reached (no connection within the pool's timeout, refused, lost, or the fail-fast gate
     * knows it is down): 503 with a retry delay, not a 500, since nothing is wrong with the request or the code.
     */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        SQLTransientConnectionException.class
    })
    ResponseEntity<ProblemDetail> databaseFailure(Exception exception) {
        return DatabaseFailures.isUnavailable(exception) ? databaseUnavailable(exception) : unexpectedEntity(exception);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        // A connection failure can also arrive wrapped (JpaSystemException, a mapping layer's own exception).
        return DatabaseFailures.isUnavailable(exception) ? databaseUnavailable(exception) : unexpectedEntity(exception);
    }

    private ResponseEntity<ProblemDetail> unexpectedEntity(Exception exception) {
        log.error("Unexpected error", exception);
        ProblemDetail problem =
                Problems.of(PlatformError.INTERNAL_ERROR, "An unexpected error occurred; it has been logged.");
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<ProblemDetail> databaseUnavailable(Exception exception) {
        // One line, no stack trace: during an outage every request ends here.
        log.warn("Database unavailable: {}", rootCause(exception));
        ProblemDetail problem = Problems.of(
                PlatformError.DATABASE_UNAVAILABLE, "The service's database cannot be reached; retry later.");
        long seconds = Problems.retryAfterSeconds(databaseRetryAfter);
        problem.setProperty(Problems.RETRY_AFTER_SECONDS, seconds);
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException exception) {
        Outcome outcome = exception.code().outcome();
        if (outcome == Outcome.DEPENDENCY_FAILED) {
            log.error("{}: {}", exception.code().name(), exception.detail(), exception);
        } else if (outcome == Outcome.UNAVAILABLE) {
            log.info(
                    "{}: {} ({})",
                    exception.code().name(),
                    exception.detail(),
                    exception.getCause() == null
                            ? "no cause"
                            : exception.getCause().toString());
        } else {
            log.debug("{}: {}", exception.code().name(), exception.detail());
        }
        ProblemDetail problem = Problems.of(exception);
        HttpHeaders headers = new HttpHeaders();
        exception
                .retryAfterDelay()
                .ifPresent(delay ->
                        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(delay))));
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Spring's own problems (404, 405, 415, ...) get the platform's code and type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        return super.createResponseEntity(
                body instanceof ProblemDetail problem ? Problems.withPlatformCode(problem) : body,
                headers,
                statusCode,
                request);
    }
}
