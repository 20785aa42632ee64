package io.shopstack.product.catalog;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblemAdvice {

    @ExceptionHandler(CatalogExceptions.NotFound.class)
    ProblemDetail notFound(CatalogExceptions.NotFound exception) {
        return problem(HttpStatus.NOT_FOUND, "Not found", exception.getMessage());
    }

    @ExceptionHandler(CatalogExceptions.InvalidField.class)
    ProblemDetail invalidField(CatalogExceptions.InvalidField exception) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.");
        problem.setProperty("errors", Map.of(exception.field(), exception.getMessage()));
        return problem;
    }

    @ExceptionHandler({CatalogExceptions.VersionConflict.class, CatalogExceptions.NameTaken.class})
    ProblemDetail conflict(RuntimeException exception) {
        return problem(HttpStatus.CONFLICT, "Conflict", exception.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
