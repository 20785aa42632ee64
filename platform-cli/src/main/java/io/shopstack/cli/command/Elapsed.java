package io.shopstack.cli.command;

/** Start-up times as the launcher prints them. */
final class Elapsed {

    private Elapsed() {}

    static double secondsSince(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }
}
