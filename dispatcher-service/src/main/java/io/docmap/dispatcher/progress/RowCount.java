package io.docmap.dispatcher.progress;

import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts the rows of a table with an increasing primary key {@code id} without reading the whole table each time:
 * the rows up to a settled id are counted once, and each count after that reads only the rows past it. An id becomes
 * settled one count after it was first seen, so a row is counted as long as its transaction commits within one
 * counting interval of a later id becoming visible. A full count, now and then, takes in the rows that committed
 * later than that, and the deleted ones.
 */
final class RowCount {

    /**
     * Where counting stands.
     *
     * @param settled rows with an id up to {@code settledId}
     * @param settledId the id up to which rows are counted in {@code settled}; 0 for a full count
     * @param seenId the largest id the last count saw; it becomes the settled id at the next count
     */
    private record Mark(long settled, long settledId, long seenId) {}

    private static final Mark NONE = new Mark(0, 0, 0);

    private final String table;
    private final AtomicReference<Mark> mark = new AtomicReference<>(NONE);

    RowCount(String table) {
        this.table = table;
    }

    /** The table's rows now: all of them read if {@code full} or never counted, else only those past the settled id. */
    Uni<Long> count(Mutiny.Session session, boolean full) {
        Mark last = mark.get();
        Mark from = full || last == NONE ? new Mark(0, 0, last.seenId()) : last;
        // A full count has no range on id, so that the database can count on its smallest index.
        String sql = "SELECT COUNT(*), COALESCE(SUM(id <= ?1), 0), MAX(id) FROM " + table
                + (from.settledId() == 0 ? "" : " WHERE id > ?2");
        Mutiny.SelectionQuery<Object[]> query =
                session.createNativeQuery(sql, Object[].class).setParameter(1, from.seenId());
        if (from.settledId() != 0) {
            query.setParameter(2, from.settledId());
        }
        return query.getSingleResult().map(row -> {
            long rows = number(row[0]);
            long seen = row[2] == null ? from.seenId() : Math.max(number(row[2]), from.seenId());
            // A count that ran beside another leaves the mark to the other.
            mark.compareAndSet(last, new Mark(from.settled() + number(row[1]), from.seenId(), seen));
            return from.settled() + rows;
        });
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
