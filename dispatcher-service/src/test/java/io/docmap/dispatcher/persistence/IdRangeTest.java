package io.docmap.dispatcher.persistence;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdRangeTest {

    @Test
    void aScanThatReturnsEveryIdInARowPassesNothingOver() {
        assertThat(IdRange.passedOver(10, List.of(11L, 12L, 13L))).isEmpty();
        assertThat(IdRange.passedOver(10, List.of())).isEmpty();
    }

    @Test
    void idsBetweenTheCursorAndTheFirstReturnedAreSpanned() {
        assertThat(IdRange.passedOver(10, List.of(14L, 15L))).contains(new IdRange(11, 13));
    }

    @Test
    void holesBetweenReturnedIdsAreSpannedByOneRange() {
        assertThat(IdRange.passedOver(10, List.of(11L, 13L, 14L, 20L, 21L))).contains(new IdRange(12, 19));
    }

    @Test
    void theRangeNeverReachesPastTheLastReturnedId() {
        assertThat(IdRange.passedOver(0, List.of(2L, 3L, 4L)))
                .hasValueSatisfying(range -> assertThat(range.last()).isEqualTo(1));
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new IdRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
