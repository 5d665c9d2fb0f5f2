package io.docmap.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import io.docmap.common.schema.ResultKey;

/**
 * {@code ./docmap migrate}: makes an existing database safe for docmap, online, while the old pipeline may still
 * write to it. Every step can be run again: a crash leaves each removed row either in doc_ent_map or in the backup,
 * and a second run goes on from what is left.
 *
 * <ol>
 *   <li>removes duplicated results in batches, keeping the newest of each doc_id, the others saved in the backup;
 *   <li>adds the unique key on doc_ent_map.doc_id with an online ALTER; if a writer created a new duplicate
 *       meanwhile, the ALTER fails, and the removal and the ALTER are tried again. A writer that keeps adding
 *       duplicates faster than the key is built would win every time, so after three tries the last removal and
 *       the ALTER run under a table lock: other sessions wait on doc_ent_map for as long as they take (about a
 *       second per million rows, MigrationIT), and none of their writes is lost;
 *   <li>adds an index on source_data.mid, online.
 * </ol>
 *
 * <p>An ALTER, even an online one, waits for every transaction that has read the table to end, and while it waits
 * every other statement on the table queues behind it. So each change waits at most {@code lock_wait_timeout}; past
 * that the migration gives up, saying why, rather than stopping the old pipeline behind a long transaction of its
 * own.
 */
final class Migration {

    private static final Logger LOG = Logger.getLogger("docmap.migrate");

    /** MySQL's and MariaDB's error for a duplicate entry in a unique key. */
    private static final int DUPLICATE_ENTRY = 1062;

    /** MySQL's and MariaDB's error for a lock, of a table or of a row, not granted within its timeout. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    /** Tries at adding the unique key online while writers keep adding duplicates. */
    private static final int ONLINE_KEY_ATTEMPTS = 3;

    private static final String ADD_KEY = "ALTER TABLE doc_ent_map ADD UNIQUE KEY uk_doc_ent_map_doc_id (doc_id)";

    private final Connection connection;
    private final int batch;
    private final int lockWaitSeconds;

    Migration(Connection connection, int batch, int lockWaitSeconds) {
        this.connection = connection;
        this.batch = batch;
        this.lockWaitSeconds = lockWaitSeconds;
    }

    /** The changes {@link #run()} would make now, each with its row counts; reads only. */
    List<String> plan() throws SQLException {
        Schema schema = new Schema(connection);
        List<String> changes = new ArrayList<>();
        if (schema.hasTable("doc_ent_map")) {
            DuplicateResults.Count duplicates = new DuplicateResults(connection).count();
            if (duplicates.surplus() > 0) {
                changes.add(String.format(
                        "move %,d older results of %,d duplicated doc_ids from doc_ent_map to %s, keeping the newest"
                                + " of each, %,d doc_ids per transaction",
                        duplicates.surplus(), duplicates.docIds(), DuplicateResults.BACKUP, batch));
            }
            if (ResultKey.problem(connection) != null) {
                changes.add(String.format(
                        "add the unique key uk_doc_ent_map_doc_id on doc_ent_map.doc_id, online (%,d rows)",
                        Sql.number(connection, "SELECT COUNT(*) FROM doc_ent_map")));
            }
        }
        if (schema.hasTable("source_data") && !schema.isIndexed("source_data", "mid")) {
            changes.add(String.format(
                    "add the index ix_source_data_mid on source_data.mid, online (%,d rows)",
                    Sql.number(connection, "SELECT COUNT(*) FROM source_data")));
        }
        return changes;
    }

    /** Runs every step; returns the rows moved to the backup. */
    long run() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            statement.execute("SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds);
        }
        try {
            return runSteps();
        } catch (SQLException e) {
            if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                throw e;
            }
            throw new SQLException(
                    "gave up after waiting " + lockWaitSeconds + " s (--lock-wait-timeout) for a table or rows that"
                            + " another session's transaction holds, rather than make every statement on the table"
                            + " queue behind the migration; find that transaction in"
                            + " information_schema.INNODB_TRX or SHOW PROCESSLIST, and run migrate again once it has"
                            + " ended: what was done so far is kept, and the run goes on from there ("
                            + e.getMessage() + ")",
                    e.getSQLState(),
                    e.getErrorCode(),
                    e);
        }
    }

    private long runSteps() throws SQLException {
        // Row locks only, no gap locks: the old pipeline's inserts never wait for a batch.
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Schema schema = new Schema(connection);
        long removed = 0;
        if (schema.hasTable("doc_ent_map")) {
            removed = addResultKey();
        }
        if (schema.hasTable("source_data") && !schema.isIndexed("source_data", "mid")) {
            LOG.info("adding index ix_source_data_mid on source_data.mid, online");
            alter("ALTER TABLE source_data ADD INDEX ix_source_data_mid (mid), ALGORITHM=INPLACE, LOCK=NONE");
        }
        return removed;
    }

    private long addResultKey() throws SQLException {
        DuplicateResults duplicates = new DuplicateResults(connection);
        duplicates.prepareBackup();
        long removed = 0;
        for (int attempt = 1; attempt <= ONLINE_KEY_ATTEMPTS; attempt++) {
            removed += duplicates.remove(batch, Long.MAX_VALUE);
            if (ResultKey.problem(connection) == null) {
                return removed;
            }
            try {
                LOG.info("adding the unique key uk_doc_ent_map_doc_id on doc_ent_map.doc_id, online");
                alter(ADD_KEY + ", ALGORITHM=INPLACE, LOCK=NONE");
                return removed;
            } catch (SQLException e) {
                if (e.getErrorCode() != DUPLICATE_ENTRY) {
                    throw e;
                }
                LOG.info("a writer added a duplicate result while the key was built; removing duplicates again ("
                        + e.getMessage() + ")");
            }
        }
        LOG.info("writers keep adding duplicates: removing the last ones and adding the key under a table lock;"
                + " doc_ent_map's other sessions wait until it is built");
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLES doc_ent_map WRITE, " + DuplicateResults.BACKUP + " WRITE");
            try {
                removed += duplicates.remove(batch, Long.MAX_VALUE);
                alter(ADD_KEY);
            } finally {
                statement.execute("UNLOCK TABLES");
            }
        }
        return removed;
    }

    private void alter(String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        LOG.info(String.format("done in %.1f s", (System.nanoTime() - started) / 1e9));
    }
}
