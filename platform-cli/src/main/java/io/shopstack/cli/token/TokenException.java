package io.shopstack.cli.token;

/** A token could not be obtained. {@link #statusCode()} is the HTTP status that said so, or 0 if none did. */
public class TokenException extends RuntimeException {

    private final int statusCode;

    public TokenException(String message) {
        this(message, 0, null);
    }

    public TokenException(String message, int statusCode) {
        this(message, statusCode, null);
    }

    public TokenException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
