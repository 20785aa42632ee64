package io.shopstack.auth.login;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class BackoffTest {

    private final Backoff backoff =
            new Backoff(3, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void blocksFromTheNthFailureAndDoublesWithEveryFurtherOne() {
        Backoff.State first = backoff.afterFailure(null, t0);
        Backoff.State second = backoff.afterFailure(first, t0.plusSeconds(1));
        Backoff.State third = backoff.afterFailure(second, t0.plusSeconds(2));
        Backoff.State fourth = backoff.afterFailure(third, third.blockedUntil());
        Backoff.State fifth = backoff.afterFailure(fourth, fourth.blockedUntil());

        assertThat(first.blockedUntil()).isNull();
        assertThat(second.blockedUntil()).isNull();
        assertThat(third.blockedUntil()).isEqualTo(t0.plusSeconds(2 + 30));
        assertThat(Duration.between(fourth.lastFailureAt(), fourth.blockedUntil()))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(Duration.between(fifth.lastFailureAt(), fifth.blockedUntil()))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(480));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aQuietWindowAfterTheLastBlockStartsCountingAgain() {
        Backoff.State blocked = new Backoff.State(3, t0, t0.plusSeconds(30));

        Backoff.State withinWindow = backoff.afterFailure(blocked, t0.plus(Duration.ofMinutes(10)));
        Backoff.State afterWindow =
                backoff.afterFailure(blocked, t0.plusSeconds(31).plus(Duration.ofMinutes(15)));

        assertThat(withinWindow.failures()).isEqualTo(4);
        assertThat(afterWindow.failures()).isEqualTo(1);
        assertThat(afterWindow.blockedUntil()).isNull();
    }
}
