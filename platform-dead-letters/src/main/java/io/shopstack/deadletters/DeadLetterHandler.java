package io.shopstack.deadletters;

import java.util.function.Consumer;

/**
 * How a service processes a dead letter of one source topic again (a bean per topic its consumers read). The
 * consumers are idempotent, so replaying a message that was applied after all is harmless.
 */
public interface DeadLetterHandler {

    /** The topic the failed message was first consumed from, e.g. {@code stock.commands.v1}. */
    String sourceTopic();

    /**
     * Processes the recorded payload again, as the consumer would; throws if it fails again (the dead letter then
     * stays pending with the error).
     *
     * @return what it did, e.g. {@code APPLIED} or {@code DUPLICATE} (the handler's own outcome enum)
     */
    Enum<?> replay(String payload);

    /** A handler whose consumer reports no outcome of its own: a replay that does not throw is {@code PROCESSED}. */
    static DeadLetterHandler of(String sourceTopic, Consumer<String> process) {
        return new DeadLetterHandler() {
            @Override
            public String sourceTopic() {
                return sourceTopic;
            }

            @Override
            public Enum<?> replay(String payload) {
                process.accept(payload);
                return Processed.PROCESSED;
            }
        };
    }

    /** The outcome of a handler made with {@link #of}. */
    enum Processed {
        PROCESSED
    }
}
