package io.shopstack.auth.login;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff over consecutive failures: from the {@code maxFailures}-th failure on, the subject is blocked
 * for {@code baseDelay × 2^(failures − maxFailures)}, at most {@code maxDelay}. Failures are consecutive while no
 * quiet {@code window} passes after the last failure (or the end of the last block); then counting starts again.
 */
record Backoff(int maxFailures, Duration window, Duration baseDelay, Duration maxDelay) {

    Backoff {
        if (maxFailures < 1 || window.isNegative() || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Invalid login throttle settings: max failures " + maxFailures
                    + ", window " + window + ", delays " + baseDelay + " to " + maxDelay);
        }
    }

    /** A subject's failures so far; {@code blockedUntil} is null when it is not (or was never) blocked. */
    record State(int failures, Instant lastFailureAt, Instant blockedUntil) {

        Instant quietSince() {
            return blockedUntil != null && blockedUntil.isAfter(lastFailureAt) ? blockedUntil : lastFailureAt;
        }
    }

    /** The state after one more failure at {@code now}; {@code previous} null for a subject without failures. */
    State afterFailure(State previous, Instant now) {
        boolean fresh = previous == null || previous.quietSince().plus(window).isBefore(now);
        int failures = fresh ? 1 : previous.failures() + 1;
        Instant blockedUntil = failures >= maxFailures ? now.plus(delay(failures - maxFailures)) : null;
        return new State(failures, now, blockedUntil);
    }

    Duration delay(int doublings) {
        if (doublings >= 40) {
            return maxDelay; // 2^40 × any delay exceeds any sensible maximum; also keeps the shift from overflowing
        }
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
