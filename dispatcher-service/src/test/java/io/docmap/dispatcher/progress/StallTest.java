package io.docmap.dispatcher.progress;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StallTest {

    private static final List<StuckPage> NONE = List.of();
    private static final List<StuckPage> ONE = List.of(new StuckPage(
            42, 5, 6, "7@worker-0", LocalDateTime.now().minusMinutes(1), "mapper answered 503", LocalDateTime.now()));

    @Test
    void aRunThatMovesOrHasNothingPendingHasNoStall() {
        assertThat(Stall.reason(100, 0.5, false, 100, 0, 0, 1, ONE)).isNull();
        assertThat(Stall.reason(0, 0, true, 0, 0, 0, 0, NONE)).isNull();
    }

    @Test
    void aPauseComesFirst() {
        assertThat(Stall.reason(100, 0, true, 100, 1, 0, 1, ONE)).isEqualTo("dispatch is paused");
    }

    @Test
    void stuckPagesAreNamedWithTheLastErrorOfTheOneFailingLongest() {
        assertThat(Stall.reason(100, 0, false, 100, 1, 0, 3, ONE))
                .isEqualTo("3 pages keep failing; page 42 failed its last 5 attempts, the last on 7@worker-0:"
                        + " mapper answered 503");
    }

    @Test
    void pagesNoWorkerTookPointAtTheWorkers() {
        assertThat(Stall.reason(100, 0, false, 100, 2, 0, 0, NONE))
                .startsWith("2 pages wait in the page topic, taken by no worker since they were sent");
    }

    @Test
    void pagesThatKafkaLostAreNamedAsSuch() {
        assertThat(Stall.reason(100, 0, false, 100, 2, 1, 0, NONE))
                .startsWith("2 pages wait in the page topic, taken by no worker since they were sent")
                .endsWith("; 1 of them sent again because Kafka lost them: their records were deleted by retention"
                        + " or by hand, the topic was re-created, or the workers' group was reset past them");
    }

    @Test
    void pagesTakenButUnfinishedPointAtTheMapper() {
        assertThat(Stall.reason(100, 0, false, 100, 0, 0, 0, NONE))
                .startsWith("workers hold 100 documents and finished none within the last minute");
    }

    @Test
    void pendingDocumentsInNoPageAreSaidToBeSo() {
        assertThat(Stall.reason(100, 0, false, 0, 0, 0, 0, NONE))
                .startsWith("no page is in flight for the pending documents");
    }
}
