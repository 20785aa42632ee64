package io.shopstack.platform.problem;

/**
 * A stable, machine-readable error code (the problem's {@code code} member, e.g. {@code OUT_OF_STOCK}) with its kind
 * and a short human title. Services declare theirs as enums; see {@code docs/problems.md}.
 */
public interface ErrorCode {

    /** The code as clients see it: upper case with underscores (an enum's {@code name()}). */
    String name();

    Outcome outcome();

    String title();
}
