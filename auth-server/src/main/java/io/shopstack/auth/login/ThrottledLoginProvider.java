package io.shopstack.auth.login;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The login form's authentication: asks the throttle first and refuses a blocked account or address without checking
 * the password; otherwise checks the password ({@code delegate}), counts a failure or clears the account's count, and
 * writes one audit line for every failure.
 */
final class ThrottledLoginProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final LoginAudit audit;
    private final Clock clock;

    ThrottledLoginProvider(AuthenticationProvider delegate, LoginThrottle throttle, LoginAudit audit, Clock clock) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String remoteAddress = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        LoginAttempt attempt = LoginAttempt.of(username, remoteAddress);
        Instant now = clock.instant();
        Optional<Instant> blockedUntil;
        try {
            blockedUntil = throttle.blockedUntil(attempt, now);
        } catch (DataAccessException ex) {
            audit.failed(username, attempt.address(), FailureReason.UNAVAILABLE, null);
            throw new InternalAuthenticationServiceException("Sign-in is unavailable", ex);
        }
        if (blockedUntil.isPresent()) {
            Duration retryAfter = Duration.between(now, blockedUntil.get());
            audit.failed(username, attempt.address(), FailureReason.THROTTLED, retryAfter);
            throw new LoginThrottledException(retryAfter);
        }
        Authentication result;
        try {
            result = delegate.authenticate(authentication);
        } catch (InternalAuthenticationServiceException ex) {
            audit.failed(username, attempt.address(), FailureReason.UNAVAILABLE, null);
            throw ex;
        } catch (AuthenticationException ex) {
            Duration blockedFor = throttle.recordFailure(attempt, now)
                    .map(until -> Duration.between(now, until))
                    .orElse(null);
            audit.failed(username, attempt.address(), reason(ex), blockedFor);
            throw ex;
        }
        throttle.recordSuccess(attempt);
        return result;
    }

    private static FailureReason reason(AuthenticationException ex) {
        return switch (ex) {
            case DisabledException disabled -> FailureReason.ACCOUNT_DISABLED;
            case LockedException locked -> FailureReason.ACCOUNT_LOCKED;
            case AccountExpiredException expired -> FailureReason.ACCOUNT_EXPIRED;
            case CredentialsExpiredException expired -> FailureReason.CREDENTIALS_EXPIRED;
            default -> FailureReason.BAD_CREDENTIALS;
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
