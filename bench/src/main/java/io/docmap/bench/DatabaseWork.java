package io.docmap.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.docmap.harness.ScratchDatabase;

/**
 * What the database did for a run, from the server's counters between dispatch resuming and the last outcome: rows
 * written (inserted, updated or deleted) and read, per document, and the statements and commits per page. The counters
 * are server-wide; nothing else uses the server during a run but the benchmark's own progress reads, a few statements a
 * second. Rows written are the {@code Handler_write}, {@code _update} and {@code _delete} requests, which MariaDB counts
 * apart from its internal temporary tables' (MySQL counts those in); rows read are MariaDB's {@code Rows_read}, or
 * MySQL's {@code Innodb_rows_read}.
 *
 * @param rowsWrittenPerSecond rows inserted, updated or deleted, over the run's length
 * @param rowsWrittenPerDocument the same per document: the result row, and the bookkeeping on top of it
 * @param rowsReadPerDocument rows InnoDB read, per document
 * @param statementsPerPage statements the clients sent ({@code Questions}), per page recorded
 * @param commitsPerPage transactions committed ({@code Com_commit}), per page recorded
 * @param pages pages the dispatcher recorded, resends not counted
 */
record DatabaseWork(
        double rowsWrittenPerSecond,
        double rowsWrittenPerDocument,
        double rowsReadPerDocument,
        double statementsPerPage,
        double commitsPerPage,
        long pages) {

    private static final List<String> WRITTEN = List.of("Handler_write", "Handler_update", "Handler_delete");
    private static final String READ = "Rows_read";
    private static final String READ_ON_MYSQL = "Innodb_rows_read";
    private static final String STATEMENTS = "Questions";
    private static final String COMMITS = "Com_commit";

    /** The counters as they stand now. */
    static Map<String, Long> counters(ScratchDatabase db) throws SQLException {
        Map<String, Long> counters =
                db.status(Stream.concat(WRITTEN.stream(), Stream.of(READ, READ_ON_MYSQL, STATEMENTS, COMMITS))
                        .toList());
        counters.putIfAbsent(READ, counters.get(READ_ON_MYSQL));
        return counters;
    }

    static DatabaseWork between(
            Map<String, Long> before, Map<String, Long> after, long documents, long pages, double seconds) {
        long written =
                WRITTEN.stream().mapToLong(name -> delta(before, after, name)).sum();
        return new DatabaseWork(
                written / seconds,
                (double) written / documents,
                (double) delta(before, after, READ) / documents,
                (double) delta(before, after, STATEMENTS) / pages,
                (double) delta(before, after, COMMITS) / pages,
                pages);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        if (before.get(name) == null || after.get(name) == null) {
            throw new IllegalStateException("the database server reports no status counter " + name);
        }
        return after.get(name) - before.get(name);
    }
}
