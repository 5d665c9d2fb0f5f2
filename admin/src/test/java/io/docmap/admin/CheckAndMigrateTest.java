package io.docmap.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** ./docmap check and ./docmap migrate on the old pipeline's tables, with the rows it left. */
class CheckAndMigrateTest {

    private TestDatabase db;
    private Connection c;

    @BeforeEach
    void oldPipelinesTables() throws SQLException {
        db = TestDatabase.create();
        c = db.connect();
        LegacySchema.create(c, "ALTER TABLE source_data MODIFY mid VARCHAR(100)");
        for (String mid : Arrays.asList("a", "b", null, "", "shared", "shared", "x".repeat(60), "c")) {
            execute("INSERT INTO source_data (mid, content, created) VALUES (?, 'text', '2025-01-01')", mid);
        }
        // a: 3 results, b: 2, c: 1; the newest of each is the one with the latest create_time.
        result("a", "北京,上海", "2025-01-01 10:00:00");
        result("a", "北京", "2025-01-03 10:00:00");
        result("a", "上海", "2025-01-02 10:00:00");
        result("b", "[\"x\"]", "2025-01-02 10:00:00");
        result("b", "[\"y\"]", "2025-01-01 10:00:00");
        result("c", "深圳", "2025-01-01 10:00:00");
    }

    @AfterEach
    void drop() throws SQLException {
        c.close();
        db.drop();
    }

    @Test
    void checkNamesEveryProblemWithItsCountsAndFails() throws SQLException {
        List<Finding> findings = new SchemaCheck(c).run();

        assertThat(findings)
                .filteredOn(f -> f.severity() == Finding.Severity.BLOCKING)
                .extracting(Finding::what)
                .containsExactly(
                        "doc_ent_map.doc_id has no unique key, so each result stored again would add a row",
                        "2 doc_ids have several results, 5 rows in all (3 too many); e.g. [a (3 rows), b (2 rows)]");
        assertThat(findings)
                .extracting(Finding::what)
                .contains(
                        "3 source rows have a mid that cannot be a document id: 1 NULL, 1 empty, 1 longer than"
                                + " doc_id's 50 characters, 0 of the form source_data.id=…",
                        "1 mids are shared by 2 source rows",
                        "no index on source_data.mid",
                        "4 results hold their lists in the old comma-joined format, not JSON",
                        "doc_ent_map.ent_list_str (text, utf8mb4) holds at most 65,535 bytes",
                        "the server's default transaction isolation is "
                                + Sql.strings(c, "SELECT @@global.tx_isolation").get(0));
        assertThat(Admin.run(new String[] {"check"}, db.docmapEnv())).isEqualTo(1);
    }

    @Test
    void migrateKeepsTheNewestResultOfEachDocumentSavesTheOthersAndAddsTheKeys() throws SQLException {
        assertThat(Admin.run(new String[] {"migrate"}, db.docmapEnv())).isZero();

        assertThat(strings("SELECT CONCAT(doc_id, '=', ent_list_str) FROM doc_ent_map ORDER BY doc_id"))
                .containsExactly("a=北京", "b=[\"x\"]", "c=深圳");
        assertThat(strings("SELECT CONCAT(doc_id, '=', ent_list_str) FROM doc_ent_map_removed ORDER BY doc_id, id"))
                .containsExactly("a=北京,上海", "a=上海", "b=[\"y\"]");
        assertThat(new SchemaCheck(c).run()).noneMatch(f -> f.severity() == Finding.Severity.BLOCKING);
        assertThat(new Schema(c).isIndexed("source_data", "mid")).isTrue();
        assertThat(Admin.run(new String[] {"check"}, db.docmapEnv())).isZero();
        assertThat(Admin.run(new String[] {"migrate"}, db.docmapEnv()))
                .as("a second run")
                .isZero();
    }

    @Test
    void aDryRunListsEachChangeWithItsCountsAndChangesNothing() throws SQLException {
        List<String> plan = new Migration(c, 1000, AdminCommand.DEFAULT_LOCK_WAIT_SECONDS).plan();

        assertThat(plan)
                .containsExactly(
                        "move 3 older results of 2 duplicated doc_ids from doc_ent_map to doc_ent_map_removed,"
                                + " keeping the newest of each, 1,000 doc_ids per transaction",
                        "add the unique key uk_doc_ent_map_doc_id on doc_ent_map.doc_id, online (6 rows)",
                        "add the index ix_source_data_mid on source_data.mid, online (8 rows)");
        assertThat(Admin.run(new String[] {"migrate", "--dry-run"}, db.docmapEnv()))
                .isZero();
        assertUnchanged();
    }

    @Test
    void helpPrintsUsageAndAnUnknownOptionIsRefusedBothChangingNothing() throws SQLException {
        assertThat(Admin.run(new String[] {"migrate", "--help"}, db.docmapEnv()))
                .isZero();
        assertThat(Admin.run(new String[] {"migrate", "--dryrun"}, db.docmapEnv()))
                .isEqualTo(2);
        assertThat(Admin.run(new String[] {"check", "--dry-run"}, db.docmapEnv()))
                .isEqualTo(2);
        assertThat(Admin.run(new String[] {"migrate", "--lock-wait-timeout=0"}, db.docmapEnv()))
                .isEqualTo(2);
        assertThat(Admin.run(new String[] {"migrat"}, db.docmapEnv())).isEqualTo(2);
        assertUnchanged();
    }

    @Test
    void aMigrationBehindALongTransactionGivesUpInsteadOfQueueingTheTableBehindIt() throws SQLException {
        try (Connection longTransaction = db.connect();
                Connection other = db.connect()) {
            longTransaction.setAutoCommit(false);
            Sql.number(longTransaction, "SELECT COUNT(*) FROM doc_ent_map");

            assertThat(Admin.run(new String[] {"migrate", "--lock-wait-timeout=1"}, db.docmapEnv()))
                    .isEqualTo(2);

            // The ALTER gave up, so nothing waits behind it: another session reads the table, and the long
            // transaction goes on.
            assertThat(Sql.number(other, "SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(3);
            longTransaction.commit();
        }
        assertThat(new SchemaCheck(c).run())
                .extracting(Finding::what)
                .contains("doc_ent_map.doc_id has no unique key, so each result stored again would add a row");
        assertThat(Admin.run(new String[] {"migrate"}, db.docmapEnv()))
                .as("once it has ended")
                .isZero();
    }

    @Test
    void aMigrationStoppedAfterOneBatchResumesWithEachRowInOneTable() throws SQLException {
        DuplicateResults duplicates = new DuplicateResults(c);
        duplicates.prepareBackup();
        long removedFirst = duplicates.remove(1, 1);

        long removedThen = new Migration(c, 1, AdminCommand.DEFAULT_LOCK_WAIT_SECONDS).run();

        assertThat(removedFirst).isEqualTo(2);
        assertThat(removedFirst + removedThen).isEqualTo(3);
        assertThat(Sql.number(c, "SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(3);
        assertThat(Sql.number(c, "SELECT COUNT(DISTINCT id) FROM doc_ent_map_removed"))
                .isEqualTo(3);
        assertThat(Sql.number(c, "SELECT COUNT(*) FROM doc_ent_map m JOIN doc_ent_map_removed r ON r.id = m.id"))
                .isZero();
    }

    @Test
    void anEmptyDatabaseNeedsNothing() throws SQLException {
        execute("DROP TABLE source_data, doc_ent_map");

        assertThat(Admin.run(new String[] {"check"}, db.docmapEnv())).isZero();
    }

    private void assertUnchanged() throws SQLException {
        assertThat(Sql.number(c, "SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(6);
        assertThat(new Schema(c).hasTable(DuplicateResults.BACKUP)).isFalse();
        assertThat(new Schema(c).isIndexed("source_data", "mid")).isFalse();
        assertThat(new SchemaCheck(c).run())
                .extracting(Finding::what)
                .contains("doc_ent_map.doc_id has no unique key, so each result stored again would add a row");
    }

    private void result(String docId, String entities, String createTime) throws SQLException {
        execute(
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time) VALUES (?, ?, ?, ?)",
                docId,
                entities,
                entities,
                createTime);
    }

    private List<String> strings(String sql) throws SQLException {
        return Sql.strings(c, sql);
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
