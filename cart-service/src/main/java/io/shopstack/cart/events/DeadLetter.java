package io.shopstack.cart.events;

import java.time.Instant;
import java.util.UUID;

/** A catalog event that failed every attempt, as recorded from the dead-letter topic. */
public record DeadLetter(
        long id,
        UUID eventId,
        String eventType,
        String recordKey,
        String payload,
        String errorClass,
        String errorMessage,
        int attempts,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        Instant failedAt,
        Instant recordedAt,
        DeadLetterStatus status,
        int replayAttempts,
        String lastReplayError,
        Instant resolvedAt,
        String resolvedBy) {}
