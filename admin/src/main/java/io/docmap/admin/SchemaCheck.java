package io.docmap.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.docmap.common.DocumentKey;
import io.docmap.common.persistence.OutcomeIsolation;
import io.docmap.common.schema.ResultKey;

/**
 * Reads, and only reads, what in a database's schema or data stops docmap from keeping its promise, or changes what
 * it does: the findings of {@code ./docmap check}. The queries that count rows read whole tables once each.
 */
final class SchemaCheck {

    /** The width docmap gives {@code doc_id} when it creates the result tables itself. */
    private static final int DOCMAP_DOC_ID_WIDTH = 64;

    private static final int EXAMPLES = 5;

    private final Connection connection;
    private final Schema schema;

    SchemaCheck(Connection connection) {
        this.connection = connection;
        this.schema = new Schema(connection);
    }

    List<Finding> run() throws SQLException {
        List<Finding> findings = new ArrayList<>();
        findings.add(isolation());
        boolean sources = schema.hasTable("source_data");
        boolean results = schema.hasTable("doc_ent_map");
        if (!sources && !results) {
            findings.add(Finding.note(
                    "no source_data and no doc_ent_map", "a new database: docmap creates its schema at start-up"));
            return findings;
        }
        if (results) {
            checkResults(findings);
        }
        if (sources) {
            try {
                checkSources(findings, results ? DocumentKey.read(connection).maxLength() : DOCMAP_DOC_ID_WIDTH);
            } catch (IllegalArgumentException narrow) {
                findings.add(Finding.blocking(
                        narrow.getMessage(), "a row whose mid is unusable could not be recorded as failed."));
            }
        }
        return findings;
    }

    /** The server's default isolation, and what docmap does about it. */
    private Finding isolation() throws SQLException {
        String level = serverIsolation();
        return Finding.note(
                "the server's default transaction isolation is " + level,
                level.equals(OutcomeIsolation.LEVEL)
                        ? "docmap's transactions run at it."
                        : "docmap runs its own transactions at REPEATABLE READ, set on each of its connections: at "
                                + level + " the check that a failure is written only where no result exists would not"
                                + " wait for a result being stored. Other sessions keep the server's default.");
    }

    /** {@code transaction_isolation} since MySQL 5.7.20 and MariaDB 11.1; {@code tx_isolation} before. */
    private String serverIsolation() throws SQLException {
        try {
            return Sql.strings(connection, "SELECT @@global.transaction_isolation")
                    .get(0);
        } catch (SQLException unknown) {
            return Sql.strings(connection, "SELECT @@global.tx_isolation").get(0);
        }
    }

    static boolean blocking(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKING);
    }

    private void checkResults(List<Finding> findings) throws SQLException {
        String keyProblem = ResultKey.problem(connection);
        if (keyProblem != null) {
            findings.add(Finding.blocking(
                    keyProblem,
                    "docmap's upsert (INSERT … ON DUPLICATE KEY UPDATE) would store a document's result again as a"
                            + " new row. ./docmap migrate adds the unique key online."));
        }
        DuplicateResults results = new DuplicateResults(connection);
        DuplicateResults.Count duplicates = results.count();
        if (duplicates.docIds() > 0) {
            findings.add(Finding.blocking(
                    String.format(
                            "%,d doc_ids have several results, %,d rows in all (%,d too many); e.g. %s",
                            duplicates.docIds(), duplicates.rows(), duplicates.surplus(), results.examples(EXAMPLES)),
                    "readers see several results for one document, and the unique key cannot be added while they"
                            + " exist. ./docmap migrate keeps the newest of each and moves the others to "
                            + DuplicateResults.BACKUP + "."));
        }
        long noDocId = Sql.number(connection, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id IS NULL");
        if (noDocId > 0) {
            findings.add(Finding.warning(
                    String.format("%,d results have a NULL doc_id", noDocId),
                    "they belong to no document; docmap leaves them where they are and never reads them."));
        }
        for (String list : List.of("ent_list_str", "mapped_list_str")) {
            checkTextColumn(findings, "doc_ent_map", list, true);
        }
        checkTextColumn(findings, "doc_ent_map", "doc_id", true);
        long commaJoined = Sql.number(
                connection,
                "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id IS NOT NULL AND NOT JSON_VALID(ent_list_str)");
        if (commaJoined > 0) {
            findings.add(Finding.note(
                    String.format("%,d results hold their lists in the old comma-joined format, not JSON", commaJoined),
                    "docmap counts them as done and leaves them as they are; a new result for such a doc_id (after"
                            + " a retry) replaces the row in place, with JSON lists."));
        }
    }

    private void checkSources(List<Finding> findings, int docIdWidth) throws SQLException {
        DocumentKey key = new DocumentKey(docIdWidth);
        Optional<Schema.Column> mid = schema.column("source_data", "mid");
        if (mid.isPresent() && mid.get().nullable()) {
            findings.add(Finding.note(
                    "source_data.mid is nullable",
                    "a row with a NULL mid is a document of its own, failed with cause invalid-doc-id."));
        }
        long nullMids = Sql.number(connection, "SELECT COUNT(*) FROM source_data WHERE mid IS NULL");
        long emptyMids = Sql.number(connection, "SELECT COUNT(*) FROM source_data WHERE mid = ''");
        long longMids =
                Sql.number(connection, "SELECT COUNT(*) FROM source_data WHERE CHAR_LENGTH(mid) > ?", docIdWidth);
        long unusable = Sql.number(
                connection,
                "SELECT COUNT(*) FROM source_data s WHERE " + key.sql("s") + " LIKE '"
                        + DocumentKey.SOURCE_KEY_PREFIX.replace("_", "\\_") + "%'");
        if (unusable > 0) {
            findings.add(Finding.warning(
                    String.format(
                            "%,d source rows have a mid that cannot be a document id: %,d NULL, %,d empty,"
                                    + " %,d longer than doc_id's %d characters, %,d of the form %s…",
                            unusable,
                            nullMids,
                            emptyMids,
                            longMids,
                            docIdWidth,
                            unusable - nullMids - emptyMids - longMids,
                            DocumentKey.SOURCE_KEY_PREFIX),
                    "each is recorded as failed with cause invalid-doc-id, under the key "
                            + DocumentKey.SOURCE_KEY_PREFIX + "<id>, and its neighbours go on."));
        }
        long sharedMids = Sql.number(
                connection,
                "SELECT COUNT(*) FROM (SELECT mid FROM source_data WHERE mid <> '' GROUP BY mid HAVING COUNT(*) > 1) d");
        if (sharedMids > 0) {
            long sharingRows = Sql.number(
                    connection,
                    "SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) n FROM source_data WHERE mid <> ''"
                            + " GROUP BY mid HAVING COUNT(*) > 1) d");
            findings.add(Finding.note(
                    String.format("%,d mids are shared by %,d source rows", sharedMids, sharingRows),
                    "rows that share a mid are one document, as the old pipeline's anti-join meant: one call to"
                            + " the mapper and one outcome, which covers every row."));
        }
        if (!schema.isIndexed("source_data", "mid")) {
            findings.add(Finding.warning(
                    "no index on source_data.mid",
                    "finding a document's rows by its doc_id (shared mids, a retry of one document) reads the whole"
                            + " table. ./docmap migrate adds ix_source_data_mid online."));
        }
        checkTextColumn(findings, "source_data", "content", false);
        checkTextColumn(findings, "source_data", "mid", false);
    }

    /** A text column docmap writes must hold every character; one it only reads may have lost some already. */
    private void checkTextColumn(List<Finding> findings, String table, String name, boolean written)
            throws SQLException {
        Optional<Schema.Column> column = schema.column(table, name);
        if (column.isEmpty() || column.get().charset() == null) {
            return;
        }
        Schema.Column found = column.get();
        String where = table + "." + name + " (" + found.type() + ", " + found.charset() + ")";
        if (!"utf8mb4".equals(found.charset())) {
            String cost = "it cannot hold emoji and the rarer CJK characters";
            findings.add(
                    written
                            ? Finding.blocking(
                                    where + " is not utf8mb4",
                                    cost + ": a result holding one fails its page again and again. Convert it with"
                                            + " ALTER TABLE " + table + " CONVERT TO CHARACTER SET utf8mb4"
                                            + " (a table copy: plan a window).")
                            : Finding.warning(where + " is not utf8mb4", cost + "; docmap reads what is there."));
        }
        if (written && found.type().equalsIgnoreCase("text")) {
            findings.add(Finding.warning(
                    where + " holds at most 65,535 bytes",
                    "a longer result cannot be stored and fails its page. MODIFY it to LONGTEXT in a window."));
        }
        if (found.collation() != null && !found.collation().endsWith("_bin") && name.endsWith("id")) {
            findings.add(Finding.note(
                    where + " compares with collation " + found.collation(),
                    "ids that differ only in case or accents are one document."));
        }
    }
}
