package io.docmap.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

import io.docmap.common.persistence.Placeholders;

/**
 * The old pipeline's duplicated results: several {@code doc_ent_map} rows for one {@code doc_id}, written when its
 * scheduler raced with itself. Removing them keeps the newest row of each document (latest {@code create_time}, then
 * highest id) and first copies every other one to {@link #BACKUP}, in the same transaction, so that nothing is lost
 * and a crash at any point leaves each row in exactly one of the two tables.
 */
final class DuplicateResults {

    /** Where removed rows go, with the time they were removed. It has no unique key, so it takes any row. */
    static final String BACKUP = "doc_ent_map_removed";

    private static final Logger LOG = Logger.getLogger("docmap.migrate");

    private static final String CREATE_BACKUP =
            """
            CREATE TABLE IF NOT EXISTS doc_ent_map_removed (
                id              BIGINT       NOT NULL,
                doc_id          VARCHAR(255) NULL,
                ent_list_str    LONGTEXT     NULL,
                mapped_list_str LONGTEXT     NULL,
                create_time     DATETIME(3)  NULL,
                removed_at      DATETIME(3)  NOT NULL,
                PRIMARY KEY (id),
                KEY ix_doc_ent_map_removed_doc_id (doc_id)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""";

    /** How many doc_ids have more than one result, and how many rows they hold. */
    record Count(long docIds, long rows) {

        long surplus() {
            return rows - docIds;
        }
    }

    private final Connection connection;

    DuplicateResults(Connection connection) {
        this.connection = connection;
    }

    /** Creates the backup table, if it is not there yet; before any removal. */
    void prepareBackup() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_BACKUP);
        }
    }

    Count count() throws SQLException {
        String groups =
                "SELECT COUNT(*) n FROM doc_ent_map WHERE doc_id IS NOT NULL GROUP BY doc_id HAVING COUNT(*) > 1";
        return new Count(
                Sql.number(connection, "SELECT COUNT(*) FROM (" + groups + ") d"),
                Sql.number(connection, "SELECT COALESCE(SUM(n), 0) FROM (" + groups + ") d"));
    }

    /** A few duplicated doc_ids with their row counts, most rows first. */
    List<String> examples(int limit) throws SQLException {
        return Sql.strings(
                connection,
                "SELECT CONCAT(doc_id, ' (', COUNT(*), ' rows)') FROM doc_ent_map WHERE doc_id IS NOT NULL"
                        + " GROUP BY doc_id HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, doc_id LIMIT ?",
                limit);
    }

    /**
     * Removes the duplicates, {@code batch} doc_ids per transaction, in doc_id order by keyset: one pass over the
     * doc_id index whatever the table's size, and row locks only on the rows removed, so the old pipeline can go on
     * writing. Stops after {@code maxBatches} (a resumed run starts again from the first duplicate left).
     *
     * @return the rows removed
     */
    long remove(int batch, long maxBatches) throws SQLException {
        long removed = 0;
        long docIds = 0;
        String after = null;
        for (long done = 0; done < maxBatches; done++) {
            List<String> duplicated = Sql.strings(
                    connection,
                    "SELECT doc_id FROM doc_ent_map WHERE doc_id IS NOT NULL"
                            + (after == null ? "" : " AND doc_id > ?")
                            + " GROUP BY doc_id HAVING COUNT(*) > 1 ORDER BY doc_id LIMIT " + batch,
                    after == null ? new Object[0] : new Object[] {after});
            if (duplicated.isEmpty()) {
                break;
            }
            removed += removeOlder(duplicated);
            docIds += duplicated.size();
            after = duplicated.get(duplicated.size() - 1);
            LOG.info(String.format(
                    "removed %,d older results of %,d doc_ids so far (up to doc_id %s), saved in %s",
                    removed, docIds, after, BACKUP));
        }
        return removed;
    }

    private int removeOlder(List<String> docIds) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> older = Sql.strings(
                    connection,
                    "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY doc_id ORDER BY create_time DESC, id DESC)"
                            + " AS newest FROM doc_ent_map WHERE doc_id IN (" + Placeholders.of(docIds.size())
                            + ")) ranked WHERE newest > 1",
                    docIds.toArray());
            int removed = 0;
            if (!older.isEmpty()) {
                Object[] ids = older.stream().map(Long::valueOf).toArray();
                String within = " WHERE id IN (" + Placeholders.of(ids.length) + ")";
                Sql.update(
                        connection,
                        "INSERT INTO " + BACKUP
                                + " (id, doc_id, ent_list_str, mapped_list_str, create_time, removed_at)"
                                + " SELECT id, doc_id, ent_list_str, mapped_list_str, create_time, UTC_TIMESTAMP(3)"
                                + " FROM doc_ent_map" + within + " ON DUPLICATE KEY UPDATE removed_at = removed_at",
                        ids);
                removed = Sql.update(connection, "DELETE FROM doc_ent_map" + within, ids);
            }
            connection.commit();
            return removed;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
