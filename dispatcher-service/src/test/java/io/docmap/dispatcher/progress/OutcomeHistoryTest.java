package io.docmap.dispatcher.progress;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeHistoryTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void answersOnlyOnceATotalIsAWindowOldAndThenTheOutcomesSinceIt() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        assertThat(history.finishedInWindow(0, 1_000)).isEmpty();
        assertThat(history.finishedInWindow(30 * SECOND, 4_000)).isEmpty();
        assertThat(history.finishedInWindow(60 * SECOND, 7_000)).isEqualTo(OptionalLong.of(6_000));
        // A window later than the first answer's start: from the total 30 s in, not the first one.
        assertThat(history.finishedInWindow(91 * SECOND, 7_500)).isEqualTo(OptionalLong.of(3_500));
    }

    @Test
    void aTotalThatFellSinceIsNoNegativeCount() {
        OutcomeHistory history = new OutcomeHistory(Duration.ofSeconds(60));
        history.finishedInWindow(0, 5_000);
        assertThat(history.finishedInWindow(61 * SECOND, 4_000)).isEqualTo(OptionalLong.of(0));
    }
}
