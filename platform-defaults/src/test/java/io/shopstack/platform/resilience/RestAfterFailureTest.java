package io.shopstack.platform.resilience;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RestAfterFailureTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RestAfterFailure rest = new RestAfterFailure(() -> Duration.ofSeconds(2), now::get);

    @Test
    void aDependencyThatAnswersIsAsked() {
        assertThat(rest.resting()).isFalse();
        assertThat(rest.answered()).as("no recovery to report").isFalse();
    }

    @Test
    void afterAFailureItRestsForTheIntervalThenIsAskedAgain() {
        rest.failed();
        assertThat(rest.resting()).isTrue();
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(rest.resting()).isTrue();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(rest.resting()).as("the interval is over: ask again").isFalse();
    }

    @Test
    void afterTheIntervalOneCallerAsksWhileTheOthersKeepResting() {
        rest.failed();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(rest.resting()).as("the first caller asks").isFalse();
        assertThat(rest.resting()).as("the others rest while it asks").isTrue();
        assertThat(rest.resting()).isTrue();
        rest.answered();
        assertThat(rest.resting()).as("it answered: everyone asks").isFalse();
        assertThat(rest.resting()).isFalse();
    }

    @Test
    void aProbeThatNeverReportsBackRestsOneMoreInterval() {
        rest.failed();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(rest.resting()).isFalse();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(rest.resting()).as("a new probe after another interval").isFalse();
        assertThat(rest.resting()).isTrue();
    }

    @Test
    void anAnswerEndsTheRestAndIsReportedOnce() {
        rest.failed();
        assertThat(rest.answered()).isTrue();
        assertThat(rest.resting()).isFalse();
        assertThat(rest.answered()).isFalse();
    }

    @Test
    void aNewFailureRestartsTheInterval() {
        rest.failed();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        rest.failed();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(rest.resting()).isTrue();
    }

    @Test
    void aFailureAtTheClocksZeroStillRests() {
        RestAfterFailure atZero = new RestAfterFailure(() -> Duration.ZERO, () -> 0L);
        atZero.failed();
        assertThat(atZero.answered())
                .as("the failure was recorded although until == 0")
                .isTrue();
    }
}
