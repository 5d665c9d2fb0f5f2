package io.docmap.dispatcher.persistence.scan;

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
    void idsBetweenTheCursorAndTheFirstReturnedArePassedOver() {
        assertThat(IdRange.passedOver(10, List.of(14L, 15L))).containsExactly(new IdRange(11, 13));
    }

    @Test
    void eachHoleBetweenReturnedIdsIsItsOwnRangeAndHoldsNoReturnedId() {
        assertThat(IdRange.passedOver(10, List.of(11L, 13L, 14L, 20L, 21L)))
                .containsExactly(new IdRange(12, 12), new IdRange(15, 19));
    }

    @Test
    void consecutiveIdsAreOneRun() {
        assertThat(IdRange.runsOf(List.of(3L, 4L, 5L))).containsExactly(new IdRange(3, 5));
        assertThat(IdRange.runsOf(List.of(3L, 5L, 6L, 9L)))
                .containsExactly(new IdRange(3, 3), new IdRange(5, 6), new IdRange(9, 9));
        assertThat(IdRange.runsOf(List.of())).isEmpty();
    }

    @Test
    void aRangeWithoutSomeOfItsIdsIsWhatLiesBetweenThem() {
        IdRange range = new IdRange(10, 20);
        assertThat(range.without(List.of(10L, 11L, 15L, 20L)))
                .containsExactly(new IdRange(12, 14), new IdRange(16, 19));
        assertThat(range.without(List.of(5L, 25L))).containsExactly(range);
        assertThat(range.without(range.ids().boxed().toList())).isEmpty();
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new IdRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
