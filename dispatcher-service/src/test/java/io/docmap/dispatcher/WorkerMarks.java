package io.docmap.dispatcher;

import java.sql.SQLException;
import javax.sql.DataSource;

import io.docmap.testing.Sql;

/** What a worker writes beside the outcomes it stores, for tests that store outcomes themselves. */
final class WorkerMarks {

    private WorkerMarks() {}

    /**
     * Marks every sent page stored, as the worker that stored a page's outcomes marks its attempt: the dispatcher looks
     * at such pages at every round, and at the others only every sweep-interval.
     */
    static void storedEverySentPage(DataSource db) {
        try {
            Sql.execute(
                    db,
                    "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at, stored_at)"
                            + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)"
                            + " FROM dispatch_page WHERE state = 'SENT'"
                            + " ON DUPLICATE KEY UPDATE stored_at = UTC_TIMESTAMP(3)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
