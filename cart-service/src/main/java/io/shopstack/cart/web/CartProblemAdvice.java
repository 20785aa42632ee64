package io.shopstack.cart.web;

import io.shopstack.cart.catalog.CatalogRequestException;
import io.shopstack.cart.catalog.CatalogUnavailableException;
import io.shopstack.cart.catalog.ProductNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.time.Duration;

/**
 * The cart's domain errors as problem details; ahead of the platform's advice, which handles everything else
 * (validation, malformed JSON, unexpected errors).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CartProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(CartProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setTitle(problem.title());
        detail.setType(problem.type());
        detail.setProperty("code", problem.code());
        problem.properties().forEach(detail::setProperty);
        return respond(detail, HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ProductNotFoundException.class)
    ResponseEntity<ProblemDetail> productNotFound(ProductNotFoundException exception) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, exception.getMessage());
        detail.setTitle("Unknown product");
        detail.setType(URI.create("https://shopstack.io/problems/product-not-found"));
        detail.setProperty("code", "PRODUCT_NOT_FOUND");
        detail.setProperty("productId", exception.productId());
        return respond(detail, HttpHeaders.EMPTY);
    }

    /** The catalog could not be asked: nothing was written; the client may retry after the given delay. */
    @ExceptionHandler(CatalogUnavailableException.class)
    ResponseEntity<ProblemDetail> catalogUnavailable(CatalogUnavailableException exception) {
        log.info("Write refused, catalog unavailable: {}", exception.getMessage());
        long seconds = retryAfterSeconds(exception.retryAfter());
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The product catalog cannot be reached right now; nothing was changed. Please retry later.");
        detail.setTitle("Catalog unavailable");
        detail.setType(URI.create("https://shopstack.io/problems/catalog-unavailable"));
        detail.setProperty("code", "CATALOG_UNAVAILABLE");
        detail.setProperty("retryAfterSeconds", seconds);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return respond(detail, headers);
    }

    @ExceptionHandler(CatalogRequestException.class)
    ResponseEntity<ProblemDetail> catalogRejected(CatalogRequestException exception) {
        log.error("product-service rejected a request of ours", exception);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The product catalog rejected the cart's request; it has been logged.");
        detail.setTitle("Catalog error");
        detail.setProperty("code", "CATALOG_ERROR");
        return respond(detail, HttpHeaders.EMPTY);
    }

    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail detail, HttpHeaders headers) {
        return ResponseEntity.status(detail.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }
}
