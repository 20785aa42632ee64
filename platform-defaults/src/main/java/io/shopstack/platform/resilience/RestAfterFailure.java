package io.shopstack.platform.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * "It failed: leave it alone for a while before asking again." For an optional dependency (Redis behind the
 * gateway's rate limiter and the cart's product cache) whose every call would otherwise wait for its timeout while it
 * is down: after a failure, {@link #resting()} is true for the rest interval, and callers take their fallback at once.
 * The first call after the interval asks again. See {@code docs/redis-down-policies.md}.
 */
public final class RestAfterFailure {

    private final Supplier<Duration> interval;
    private final LongSupplier nanoTime;
    /** nanoTime until which the dependency rests; 0 while it answers. */
    private final AtomicLong restingUntil = new AtomicLong();

    /** @param interval read on every failure, so a refreshed configuration applies at once */
    public RestAfterFailure(Supplier<Duration> interval) {
        this(interval, System::nanoTime);
    }

    RestAfterFailure(Supplier<Duration> interval, LongSupplier nanoTime) {
        this.interval = interval;
        this.nanoTime = nanoTime;
    }

    /** Whether callers should not ask the dependency now. */
    public boolean resting() {
        long until = restingUntil.get();
        return until != 0 && nanoTime.getAsLong() - until < 0;
    }

    /** The dependency failed: rest from now on for the interval. */
    public void failed() {
        long until = nanoTime.getAsLong() + interval.get().toNanos();
        restingUntil.set(until == 0 ? 1 : until);
    }

    /** The dependency answered. Returns true when it had failed before (so the caller can log the recovery once). */
    public boolean answered() {
        return restingUntil.get() != 0 && restingUntil.getAndSet(0) != 0;
    }

    public Duration interval() {
        return interval.get();
    }
}
