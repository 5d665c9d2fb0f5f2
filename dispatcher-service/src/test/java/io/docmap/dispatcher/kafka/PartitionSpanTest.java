package io.docmap.dispatcher.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionSpanTest {

    @Test
    void aRecordInThePartitionThatTheGroupHasNotReachedWaits() {
        assertThat(new PartitionSpan(10, 50, 20L).lostReason(3, 20)).isNull();
        assertThat(new PartitionSpan(10, 50, null).lostReason(3, 10)).isNull();
    }

    @Test
    void aRecordBelowThePartitionsStartWasDeleted() {
        assertThat(new PartitionSpan(10, 50, null).lostReason(3, 9))
                .isEqualTo("its record (partition 3, offset 9) was deleted: the partition now starts at 10"
                        + " (retention, or records deleted by hand)");
    }

    @Test
    void aRecordAtOrPastThePartitionsEndBelongsToATopicThatWasReCreated() {
        assertThat(new PartitionSpan(0, 5, null).lostReason(3, 5)).endsWith("the topic was re-created");
    }

    @Test
    void aGroupThatCommittedPastTheRecordWasResetPastIt() {
        assertThat(new PartitionSpan(0, 50, 21L).lostReason(3, 20))
                .isEqualTo("the workers' group moved past its record (partition 3, offset 20) to 21 without taking"
                        + " it: its offsets were reset");
    }
}
