package io.shopstack.multihost;

import java.util.Locale;

/** What the drills measured, in the build log (the platform's own output goes to files under target/multihost). */
final class Report {

    private Report() {}

    static void line(String text) {
        System.out.println("[multihost] " + text);
    }

    static void timing(String what, long sinceNanos) {
        line(String.format(Locale.ROOT, "%s: %.1f s", what, (System.nanoTime() - sinceNanos) / 1e9));
    }
}
