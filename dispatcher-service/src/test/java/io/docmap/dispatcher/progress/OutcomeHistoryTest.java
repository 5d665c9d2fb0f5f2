package io.docmap.dispatcher.progress;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeHistoryTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void answersNothingBeforeItIsStarted() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        assertThat(history.finishedInWindow(0, 1_000)).isEmpty();
    }

    @Test
    void aWindowThatBeganBeforeTheStartTakesTheTotalThenOnTheLineFromTheDatabasesCount() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        // 600 outcomes in the minute before the start, 1,000 in all: 400 a minute before, 700 half a minute before.
        history.start(0, 1_000, 600);
        assertThat(history.finishedInWindow(30 * SECOND, 4_000)).isEqualTo(OptionalLong.of(3_300));
        assertThat(history.finishedInWindow(60 * SECOND, 7_000)).isEqualTo(OptionalLong.of(6_000));
    }

    @Test
    void aWindowWithinTheTotalsKeptIsTheirDifference() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        history.start(0, 1_000, 0);
        history.finishedInWindow(30 * SECOND, 4_000);
        history.finishedInWindow(60 * SECOND, 7_000);
        // From the total 30 s in (4,000) to the one 90 s in; the totals before it are dropped.
        assertThat(history.finishedInWindow(90 * SECOND, 7_500)).isEqualTo(OptionalLong.of(3_500));
        // 31 s in lies between the totals 30 s (4,000) and 60 s (7,000) in.
        assertThat(history.finishedInWindow(91 * SECOND, 7_600)).isEqualTo(OptionalLong.of(3_500));
    }

    @Test
    void aTotalThatFellSinceIsNoNegativeCount() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        history.start(0, 5_000, 0);
        assertThat(history.finishedInWindow(61 * SECOND, 4_000)).isEqualTo(OptionalLong.of(0));
    }
}
