package io.docmap.worker.persistence.outcomes;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlRowsTest {

    @Test
    void aChunkHoldsAtMostAStatementsRows() {
        List<Integer> rows = Collections.nCopies(SqlRows.CHUNK * 2 + 1, 1);

        assertThat(SqlRows.chunks(rows, row -> row, Long.MAX_VALUE))
                .extracting(List::size)
                .containsExactly(SqlRows.CHUNK, SqlRows.CHUNK, 1);
    }

    @Test
    void aChunkStaysWithinTheBytesOfOneStatementAndARowOverThemStandsAlone() {
        List<Integer> bytes = List.of(40, 40, 30, 100, 10, 90, 5);

        assertThat(SqlRows.chunks(bytes, row -> row, 100))
                .containsExactly(List.of(40, 40), List.of(30), List.of(100), List.of(10, 90), List.of(5));
    }

    @Test
    void aValueTakesAtMostThreeBytesAChar() {
        assertThat(SqlRows.bytesAtMost("北京")).isEqualTo(6);
        assertThat(SqlRows.bytesAtMost(new byte[7])).isEqualTo(7);
    }

    @Test
    void aListStatementHasAPlaceholderPerValue() {
        assertThat(SqlRows.inList("DELETE FROM t WHERE k IN").sql(3, 1))
                .isEqualTo("DELETE FROM t WHERE k IN (?, ?, ?)");
    }
}
