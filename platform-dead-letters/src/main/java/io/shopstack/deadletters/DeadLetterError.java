package io.shopstack.deadletters;

import io.shopstack.platform.problem.ErrorCode;
import io.shopstack.platform.problem.Outcome;

/** The operator API's errors (the same codes the cart's API has always answered). See {@code docs/problems.md}. */
public enum DeadLetterError implements ErrorCode {
    NOT_FOUND(Outcome.NOT_FOUND, "Not found"),
    /** Replay or discard of a dead letter that was already replayed or discarded. */
    DEAD_LETTER_NOT_PENDING(Outcome.CONFLICT, "Not pending");

    private final Outcome outcome;
    private final String title;

    DeadLetterError(Outcome outcome, String title) {
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
