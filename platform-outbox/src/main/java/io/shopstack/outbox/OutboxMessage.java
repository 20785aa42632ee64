package io.shopstack.outbox;

import java.util.Objects;
import java.util.UUID;

/**
 * One message for the outbox: written in the transaction of the change it describes, published after the commit.
 *
 * @param binding          the Spring Cloud Stream output binding to send to (its destination is the topic); null for
 *                         the relay's default ({@code shopstack.outbox.binding})
 * @param messageId        unique per message; consumers deduplicate on it (delivery is at-least-once)
 * @param type             the message's type, also sent as the {@code event_type} header
 * @param aggregateType    what the message is about (product, order, …)
 * @param aggregateId      which one
 * @param aggregateVersion its version after the change (0 where the aggregate has none)
 * @param partitionKey     the Kafka record key: one aggregate's messages stay in order
 * @param payload          the message itself, written as JSON
 */
public record OutboxMessage(
        String binding,
        UUID messageId,
        String type,
        String aggregateType,
        String aggregateId,
        long aggregateVersion,
        String partitionKey,
        Object payload) {

    public OutboxMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(payload, "payload");
    }
}
