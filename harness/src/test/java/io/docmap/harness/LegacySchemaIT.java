package io.docmap.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.admin.Admin;
import io.docmap.common.DocumentKey;
import io.docmap.testing.LegacySchema;
import io.docmap.testing.SourceRows;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline on the tables the old pipeline made, with the rows it left: NULL, empty and shared mids, within
 * a page and across pages, and old comma-joined results, some of them duplicated. The services refuse the schema
 * as it is; ./docmap check names its problems, ./docmap migrate fixes them, and the pipeline then gives each
 * document one outcome and leaves the old results alone.
 */
class LegacySchemaIT {

    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final int ROWS = 5000;
    private static final int OLD_RESULTS = 900;
    private static final int OLD_DUPLICATES = 100;
    /** Old results whose source rows were deleted since: no document's. */
    private static final int OLD_ORPHANS = 20;

    /** The document key of a source row on this schema, whose doc_id holds 50 characters. */
    private static final String KEY = new DocumentKey(50).sql("s");

    private static TestDatabase database;
    private static Connection c;

    @BeforeAll
    static void oldPipelinesDatabase() throws SQLException {
        database = TestDatabase.create();
        c = database.connect();
        LegacySchema.create(c);
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO source_data (mid, content, created) VALUES (?, ?, '2025-06-01')")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setString(1, mid(i));
                insert.setString(2, "北京 and 上海 report, item " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO doc_ent_map"
                + " (doc_id, ent_list_str, mapped_list_str, create_time) VALUES (?, ?, ?, ?)")) {
            for (int k = 0; k < OLD_RESULTS + OLD_DUPLICATES + OLD_ORPHANS; k++) {
                // Results for the first usable mids; the duplicates are older copies of the first of them; then
                // results of deleted rows.
                boolean duplicate = k >= OLD_RESULTS && k < OLD_RESULTS + OLD_DUPLICATES;
                int j = duplicate ? k - OLD_RESULTS : k;
                insert.setString(1, k >= OLD_RESULTS + OLD_DUPLICATES ? "deleted-" + k : mid(j / 44 * 50 + 6 + j % 44));
                insert.setString(2, duplicate ? "旧,older" : "北京,上海");
                insert.setString(3, duplicate ? "Old,Older" : "Beijing,Shanghai");
                insert.setString(4, duplicate ? "2025-01-01 00:00:00" : "2025-06-01 00:00:00");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Row i's mid: NULL, empty or blank for 3 in 50; pairs that share a mid within a page; ten mids shared by ten
     * rows each, far apart; the other 44 in 50, doc-i.
     */
    private static String mid(int i) {
        return switch (i % 50) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "   ";
            case 3, 4 -> "near-" + (i / 50);
            case 5 -> "far-" + (i / 50 % 10);
            default -> "doc-" + i;
        };
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        c.close();
        SystemRun.closeAll(database);
    }

    @Test
    void servicesRefuseTheSchemaCheckNamesItsProblemsMigrateFixesItAndEveryDocumentGetsOneOutcome() throws Exception {
        assertServicesRefuseToStart();
        assertThat(Admin.run(new String[] {"check"}, database.docmapEnv()))
                .as("./docmap check, before")
                .isEqualTo(1);

        assertThat(Admin.run(new String[] {"migrate"}, database.docmapEnv()))
                .as("./docmap migrate")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map_removed WHERE ent_list_str = '旧,older'"))
                .isEqualTo(OLD_DUPLICATES);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(OLD_RESULTS + OLD_ORPHANS);

        try (Pipeline pipeline = new Pipeline(settings("legacy")).start()) {
            await().atMost(DRAIN).until(() -> count(documentsWithoutOutcome()) == 0);

            assertThat(count("SELECT COUNT(*) FROM doc_ent_map m JOIN doc_failure f ON f.doc_id = m.doc_id"))
                    .as("documents in both tables")
                    .isZero();
            assertThat(count("SELECT COUNT(*) - COUNT(DISTINCT doc_id) FROM doc_ent_map"))
                    .as("duplicated results")
                    .isZero();
            long documents = count("SELECT COUNT(DISTINCT " + KEY + ") FROM source_data s");
            assertThat(count("SELECT COUNT(*) FROM doc_ent_map")
                            - OLD_ORPHANS
                            + count("SELECT COUNT(*) FROM doc_failure"))
                    .as("one outcome per document")
                    .isEqualTo(documents);
            assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE cause = 'invalid-doc-id'"
                            + " AND doc_id = CONCAT('source_data.id=', source_id)"))
                    .as("each row with an unusable mid failed under its own key")
                    .isEqualTo(3 * ROWS / 50);
            assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE cause <> 'invalid-doc-id'"))
                    .isZero();
            assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE ent_list_str = '北京,上海'"))
                    .as("old results, untouched")
                    .isEqualTo(OLD_RESULTS + OLD_ORPHANS);
            // Progress counts documents: the rows that share a doc_id are covered by its outcome, and the results of
            // deleted rows cover nothing.
            long sharedRows = count("SELECT COUNT(*) FROM source_data s WHERE s.mid IS NOT NULL AND s.mid <> ''")
                    - documents
                    + 3 * ROWS / 50;
            assertThat(sharedRows).isPositive();
            await().atMost(DRAIN).untilAsserted(() -> {
                JsonNode progress = SystemRun.progress(pipeline);
                assertThat(progress.path("total").asLong()).isEqualTo(ROWS);
                assertThat(progress.path("sharedRows").asLong()).isEqualTo(sharedRows);
                assertThat(progress.path("documents").asLong()).isEqualTo(documents);
                assertThat(progress.path("storedWithoutSource").asLong()).isEqualTo(OLD_ORPHANS);
                assertThat(progress.path("pending").asLong()).isZero();
            });
            // Rows added later under a mid that has its outcome: counted by the counts between full counts.
            try (var insert = c.createStatement()) {
                insert.execute("INSERT INTO source_data (mid, content, created) VALUES ('far-1', 'again', '2026'),"
                        + " ('far-1', 'and again', '2026')");
            }
            await().atMost(DRAIN).untilAsserted(() -> {
                JsonNode progress = SystemRun.progress(pipeline);
                assertThat(progress.path("total").asLong()).isEqualTo(ROWS + 2);
                assertThat(progress.path("sharedRows").asLong()).isEqualTo(sharedRows + 2);
                assertThat(progress.path("pending").asLong()).isZero();
            });
            // A far-shared mid may be mapped by two pages in flight at once: at most its other 9 rows' worth more.
            long toMap = documents - OLD_RESULTS - 3 * ROWS / 50;
            assertThat(Metrics.sum(pipeline.mapper(), "docmap_mapper_documents_total"))
                    .as("the mapper saw each new usable document, and none of the old")
                    .isBetween((double) toMap, (double) toMap + 90);
        }
        assertThat(Admin.run(new String[] {"check"}, database.docmapEnv()))
                .as("./docmap check, after")
                .isZero();
    }

    /**
     * The dispatcher, which migrates, refuses the database and says why; the pipeline's start fails when it exits. The
     * worker, which never migrates, waits for the schema, unready, and names what it waits for.
     */
    private void assertServicesRefuseToStart() throws Exception {
        Pipeline.Settings settings = settings("legacy-refused");
        Pipeline refused = new Pipeline(settings);
        Path dispatcherLog = settings.logDir().resolve("dispatcher-service.log");
        Path workerLog = settings.logDir().resolve("worker-service-0.log");
        try {
            assertThatThrownBy(refused::start).hasMessageContaining("exited");
            await().atMost(DRAIN).until(() -> namesTheCheck(dispatcherLog));
            assertThat(Files.readString(dispatcherLog)).contains("doc_ent_map.doc_id has no unique key");
            // The worker starts beside the dispatcher, and may log its first check after the dispatcher's refusal.
            await().atMost(DRAIN).until(() -> contains(workerLog, "the database has no migration applied yet"));
        } finally {
            refused.close();
        }
        assertThat(count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME IN ('flyway_schema_history', 'doc_failure')"))
                .as("nothing created on the refused schema")
                .isZero();
    }

    private static boolean namesTheCheck(Path log) {
        return contains(log, "./docmap check");
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Documents, by their key, with no result and no failure under it. */
    private static String documentsWithoutOutcome() {
        return "SELECT COUNT(*) FROM source_data s WHERE NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = "
                + KEY + ") AND NOT EXISTS (SELECT 1 FROM doc_failure f WHERE f.doc_id = " + KEY + ")";
    }

    private static Pipeline.Settings settings(String name) {
        return SystemRun.named(name)
                .properties(Map.of("docmap.dispatch.page-size", "100"))
                .settings(database);
    }

    private static long count(String sql) throws SQLException {
        return SourceRows.count(c, sql);
    }
}
