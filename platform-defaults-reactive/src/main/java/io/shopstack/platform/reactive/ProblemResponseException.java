package io.shopstack.platform.reactive;

import io.shopstack.platform.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a reactive service answers itself (a body over the limit, a route that must not be reached, rate limiting
 * that cannot run): its problem body and extra headers such as {@code Retry-After}. Rendered by
 * {@link ProblemExceptionHandler}; circuit breakers are configured to ignore it (it is not a failure of the service).
 */
public class ProblemResponseException extends ErrorResponseException {

    public ProblemResponseException(ProblemDetail problem, HttpHeaders headers) {
        super(HttpStatusCode.valueOf(problem.getStatus()), Problems.withPlatformCode(problem), null);
        getHeaders().putAll(headers);
    }

    public ProblemResponseException(ProblemDetail problem) {
        this(problem, HttpHeaders.EMPTY);
    }
}
