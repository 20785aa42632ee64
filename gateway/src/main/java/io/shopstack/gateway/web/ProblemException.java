package io.shopstack.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/** An error the gateway answers itself, with a safe detail sentence for the problem body and extra headers. */
public class ProblemException extends ResponseStatusException {

    private final String detail;
    private final HttpHeaders headers;

    public ProblemException(HttpStatusCode status, String detail, HttpHeaders headers) {
        super(status, detail);
        this.detail = detail;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    public String detail() {
        return detail;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
