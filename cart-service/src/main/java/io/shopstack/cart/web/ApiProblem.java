package io.shopstack.cart.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client error the cart explains as RFC 9457 problem details: {@code type} {@code
 * https://shopstack.io/problems/<code-in-kebab-case>}, a stable machine-readable {@code code} (e.g.
 * {@code PROMO_EXPIRED}), a human {@code detail} and optional extra properties. Thrown before anything is written (or
 * inside the transaction, which then rolls back).
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", what + " was not found.");
    }

    public static ApiProblem unprocessable(String code, String title, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, title, detail);
    }

    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public URI type() {
        return URI.create("https://shopstack.io/problems/" + code.toLowerCase().replace('_', '-'));
    }
}
