package io.docmap.common.persistence;

/**
 * The isolation every transaction of the dispatcher and the workers runs at, whatever the server's default: REPEATABLE
 * READ. A failure is written only where no result exists, by {@code INSERT … SELECT … WHERE NOT EXISTS (result)}. At
 * REPEATABLE READ that read takes shared next-key locks, so it waits for a result being stored and then sees it; at
 * READ COMMITTED, the default of some servers and managed databases, it reads a snapshot without locks, and two
 * overlapping attempts at a page could leave a document in both tables. Each connection of a service's reactive pool
 * sets it once, as it opens: no statement per transaction.
 */
public final class OutcomeIsolation {

    /** The level, as {@code @@transaction_isolation} names it. */
    public static final String LEVEL = "REPEATABLE-READ";

    static final String PIN = "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ";

    private OutcomeIsolation() {}
}
