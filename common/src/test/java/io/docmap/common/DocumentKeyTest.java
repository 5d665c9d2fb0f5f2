package io.docmap.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentKeyTest {

    private static final List<String> MIDS = Arrays.asList(
            "m-1",
            null,
            "",
            "   ",
            " padded",
            "x".repeat(50),
            "x".repeat(51),
            "腾".repeat(50),
            "😀".repeat(51),
            "source_data.id=7",
            "SOURCE_DATA.ID=8",
            "source_data.id");

    @Test
    void theDatabaseKeysEveryRowAsTheWorkerDoes() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect()) {
            LegacySchema.create(c, "ALTER TABLE source_data MODIFY mid VARCHAR(100)");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE doc_failure (doc_id VARCHAR(64) NOT NULL PRIMARY KEY)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO source_data (mid) VALUES (?)")) {
                for (String mid : MIDS) {
                    insert.setString(1, mid);
                    insert.executeUpdate();
                }
            }
            DocumentKey key = DocumentKey.read(db.dataSource());
            assertThat(key.maxLength()).isEqualTo(50);

            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT s.id, s.mid, " + key.sql("s") + ", COALESCE("
                            + key.usableSql("s") + ", FALSE) FROM source_data s")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getString(3))
                            .as("key of mid [%s]", rs.getString(2))
                            .isEqualTo(key.of(rs.getLong(1), rs.getString(2)));
                    assertThat(rs.getBoolean(4))
                            .as("usable mid [%s]", rs.getString(2))
                            .isEqualTo(key.unusableReason(rs.getString(2)) == null);
                }
                assertThat(rows).isEqualTo(MIDS.size());
            }
        }
    }

    @Test
    void unusableMidsSayWhyAndAreKeyedByTheirRow() {
        DocumentKey key = new DocumentKey(50);
        assertThat(key.of(3, "m-1")).isEqualTo("m-1");
        assertThat(key.of(3, "腾".repeat(50))).isEqualTo("腾".repeat(50));
        assertThat(key.of(4, null)).isEqualTo("source_data.id=4");
        assertThat(key.unusableReason(null)).isEqualTo("mid is NULL");
        assertThat(key.unusableReason("  ")).isEqualTo("mid is empty");
        assertThat(key.unusableReason("😀".repeat(51))).isEqualTo("mid has 51 characters; doc_id holds 50");
        assertThat(key.unusableReason("Source_Data.Id=9")).contains("the form of a source-row key");
    }

    @Test
    void doesNotAcceptDocIdColumnsTooNarrowForASourceRowKey() {
        assertThatThrownBy(() -> new DocumentKey(20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need at least 34");
    }
}
