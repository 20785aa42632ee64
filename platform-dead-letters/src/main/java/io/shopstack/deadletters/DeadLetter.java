package io.shopstack.deadletters;

import java.time.Instant;
import java.util.UUID;

/** A message that failed every attempt, as recorded from its dead-letter topic (a row of {@code dead_letters}). */
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
