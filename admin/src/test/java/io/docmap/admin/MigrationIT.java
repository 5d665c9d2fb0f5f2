package io.docmap.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./docmap migrate on a large doc_ent_map, 5% of it duplicated, while another connection keeps inserting results the
 * old way: new documents, and now and then a document again, as the old scheduler did when it raced with itself.
 * Prints how long it took. {@code -Ddocmap.migrate.rows=1000000} runs it at a million rows (README, "Adopting").
 */
class MigrationIT {

    private static final Logger LOG = Logger.getLogger("docmap.migrate");
    private static final int ROWS = Integer.getInteger("docmap.migrate.rows", 200_000);
    private static final int DUPLICATE_EVERY = 20;

    /** What the old way's writer did: the ids it stored, and the doc_ids the unique key refused. */
    private record Written(List<Long> storedIds, List<String> refusedDocIds) {}

    @Test
    void migrateRemovesEveryDuplicateOnlineAndLosesNoConcurrentInsert() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                Connection c = db.connect();
                Connection writer = db.connect()) {
            LegacySchema.create(c);
            long loaded = load(c);
            AtomicBoolean migrated = new AtomicBoolean();
            CompletableFuture<Written> written = CompletableFuture.supplyAsync(() -> writeTheOldWay(writer, migrated));

            long started = System.nanoTime();
            long removed = new Migration(c, 1000, AdminCommand.DEFAULT_LOCK_WAIT_SECONDS).run();
            double seconds = (System.nanoTime() - started) / 1e9;
            migrated.set(true);
            Written old = written.join();

            LOG.info(String.format(
                    "migrate: %,d result rows (%,d duplicated) in %.1f s; %,d older rows moved to the backup;"
                            + " %,d results inserted the old way meanwhile, %,d refused by the new key",
                    loaded,
                    ROWS / DUPLICATE_EVERY,
                    seconds,
                    removed,
                    old.storedIds().size(),
                    old.refusedDocIds().size()));
            assertThat(old.storedIds()).isNotEmpty();
            assertThat(Sql.number(c, "SELECT COUNT(*) - COUNT(DISTINCT doc_id) FROM doc_ent_map"))
                    .isZero();
            assertThat(Sql.number(c, "SELECT COUNT(*) FROM doc_ent_map")
                            + Sql.number(c, "SELECT COUNT(*) FROM " + DuplicateResults.BACKUP))
                    .as("every row, in one of the two tables")
                    .isEqualTo(loaded + old.storedIds().size());
            assertThat(missing(c, old.storedIds())).as("inserts lost").isEmpty();
            for (String refused : old.refusedDocIds()) {
                assertThat(Sql.number(c, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = ?", refused))
                        .as("refused %s, a document with a result", refused)
                        .isEqualTo(1);
            }
            assertThat(new SchemaCheck(c).run()).noneMatch(f -> f.severity() == Finding.Severity.BLOCKING);
        }
    }

    /** ROWS results, every 20th doc_id twice, its older copy an hour earlier. */
    private static long load(Connection c) throws SQLException {
        long rows = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO doc_ent_map"
                + " (doc_id, ent_list_str, mapped_list_str, create_time) VALUES (?, '北京,上海', 'Beijing,Shanghai', ?)")) {
            for (int i = 0; i < ROWS; i++) {
                rows += add(insert, "d-" + i, "2025-06-01 10:00:00");
                if (i % DUPLICATE_EVERY == 0) {
                    rows += add(insert, "d-" + i, "2025-06-01 09:00:00");
                }
                if (i % 10_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    private static int add(PreparedStatement insert, String docId, String createTime) throws SQLException {
        insert.setString(1, docId);
        insert.setString(2, createTime);
        insert.addBatch();
        return 1;
    }

    /** Inserts one result at a time until the migration is over, and a hundred more after it. */
    private static Written writeTheOldWay(Connection writer, AtomicBoolean migrated) {
        List<Long> stored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (PreparedStatement insert = writer.prepareStatement(
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time)"
                        + " VALUES (?, '深圳', 'Shenzhen', NOW())",
                Statement.RETURN_GENERATED_KEYS)) {
            int after = 0;
            for (int k = 0; after < 100; k++) {
                String docId = k % 10 == 0 ? "d-" + (k * 7919L % ROWS) : "w-" + k;
                insert.setString(1, docId);
                try {
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        stored.add(keys.getLong(1));
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1062) {
                        throw e;
                    }
                    refused.add(docId);
                }
                if (migrated.get()) {
                    after++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the old way's writer failed", e);
        }
        return new Written(stored, refused);
    }

    private static Set<Long> missing(Connection c, List<Long> ids) throws SQLException {
        Set<Long> missing = new HashSet<>(ids);
        for (String table : List.of("doc_ent_map", DuplicateResults.BACKUP)) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM " + table + " WHERE id >= " + ids.get(0))) {
                while (rs.next()) {
                    missing.remove(rs.getLong(1));
                }
            }
        }
        return missing;
    }
}
