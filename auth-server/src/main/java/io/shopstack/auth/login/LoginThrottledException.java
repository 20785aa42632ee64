package io.shopstack.auth.login;

import org.springframework.security.authentication.AccountStatusException;

import java.time.Duration;

/**
 * A sign-in refused without checking the password: too many recent failures for this account or from this address.
 * An {@link AccountStatusException} so that no other authentication provider gets to check the password instead.
 */
public final class LoginThrottledException extends AccountStatusException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-in attempts");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
