package io.shopstack.deadletters;

/** Where a dead letter stands (the {@code dead_letters.status} column). */
public enum DeadLetterStatus {
    /** Waiting for an operator: replay or discard. */
    PENDING,
    /** Processed again successfully. */
    REPLAYED,
    /** Given up on by an operator. */
    DISCARDED
}
