package io.shopstack.cart.events;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** Errors of the internal event and dead-letter APIs. See {@code docs/problems.md}. */
public enum EventError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    INVALID_EVENT(Outcome.INVALID, "Invalid event"),
    DEAD_LETTER_NOT_PENDING(Outcome.CONFLICT, "Not pending");

    private final Outcome outcome;
    private final String title;

    EventError(Outcome outcome, String title) {
        this.outcome = outcome;
        this.title = title;
    }

    @Override
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public String title() {
        return title;
    }
}
