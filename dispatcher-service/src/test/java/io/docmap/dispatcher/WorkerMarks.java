package io.docmap.dispatcher;

/** What a worker writes beside the outcomes it stores, for tests that store outcomes themselves. */
final class WorkerMarks {

    /**
     * Marks every sent page stored, as the worker that stored a page's outcomes marks its attempt: the dispatcher looks
     * at such pages at every round, and at the others only every sweep-interval. Run it with {@code Sql.inTurn}.
     */
    static final String STORED_EVERY_SENT_PAGE =
            "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at, stored_at)"
                    + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)"
                    + " FROM dispatch_page WHERE state = 'SENT'"
                    + " ON DUPLICATE KEY UPDATE stored_at = UTC_TIMESTAMP(3)";

    private WorkerMarks() {}
}
