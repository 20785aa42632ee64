package io.shopstack.infrastructure;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a readiness condition with a deadline, failing with a message that names what never became ready. */
final class Await {

    private Await() {}

    static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        IllegalStateException failure =
                new IllegalStateException(what + " did not become ready within " + timeout.toSeconds() + " s");
        if (last != null) {
            failure.addSuppressed(last);
        }
        throw failure;
    }
}
