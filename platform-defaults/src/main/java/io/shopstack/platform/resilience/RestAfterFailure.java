package io.shopstack.platform.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * "It failed: leave it alone for a while before asking again." For an optional dependency (Redis behind the
 * gateway's rate limiter and the cart's product cache) whose every call would otherwise wait for its timeout while it
 * is down: after a failure, {@link #resting()} is true for the rest interval, and callers take their fallback at once.
 * After the interval one caller asks again (the others keep resting meanwhile), so while the dependency is down at
 * most one call per interval waits for its timeout. See {@code docs/redis-down-policies.md}.
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

    /**
     * Whether callers should not ask the dependency now. When the interval is over, exactly one caller gets
     * {@code false} (it asks, and must report {@link #failed()} or {@link #answered()}); the others rest for another
     * interval or until that caller reports an answer.
     */
    public boolean resting() {
        long until = restingUntil.get();
        if (until == 0) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (now - until < 0) {
            return true;
        }
        return !restingUntil.compareAndSet(until, restUntil(now));
    }

    /** The dependency failed: rest from now on for the interval. */
    public void failed() {
        restingUntil.set(restUntil(nanoTime.getAsLong()));
    }

    private long restUntil(long now) {
        long until = now + interval.get().toNanos();
        return until == 0 ? 1 : until;
    }

    /** The dependency answered. Returns true when it had failed before (so the caller can log the recovery once). */
    public boolean answered() {
        return restingUntil.get() != 0 && restingUntil.getAndSet(0) != 0;
    }

    public Duration interval() {
        return interval.get();
    }
}
