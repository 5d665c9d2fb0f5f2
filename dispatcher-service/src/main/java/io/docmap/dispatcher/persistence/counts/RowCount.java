package io.docmap.dispatcher.persistence.counts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts the rows of a table with an increasing primary key {@code id}, and optionally those of them that meet a
 * condition, without reading the whole table each time: the rows up to a settled id are counted once, and each count
 * after that reads only the rows past it. An id becomes settled once it has been visible for {@link #SETTLE}, so a row
 * is counted as long as its transaction commits within that time of a later id becoming visible, however often the
 * counts run. A full count, now and then, takes in the rows that committed later than that, the deleted ones, and rows
 * whose condition changed since they were counted.
 */
final class RowCount {

    /**
     * How long after an id was first seen the rows up to it are taken as committed. The transactions that insert
     * results last a page's upsert, well under this; a longer one is taken in by the next full count. Each count reads
     * this long's rows again: at 2,500 results a second, 12,500 of them, about 50 to 100 ms of the database's time
     * (README, progress-refresh).
     */
    static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * Counts at one moment.
     *
     * @param rows the table's rows
     * @param meeting those of them that meet the condition, among the rows settled so far (a row is tested once, as
     *     it settles); 0 without a condition
     */
    record Counts(long rows, long meeting) {

        static final Counts ZERO = new Counts(0, 0);

        Counts plus(Counts more) {
            return new Counts(rows + more.rows, meeting + more.meeting);
        }
    }

    /** The largest id a count saw, and when (System.nanoTime). */
    private record Seen(long id, long at) {}

    /**
     * Where counting stands.
     *
     * @param settled rows with an id up to {@code settledId}
     * @param settledId the id up to which rows are counted in {@code settled}; 0 for a full count
     * @param seen the largest ids the counts since saw, in order: each becomes the settled id once {@link #SETTLE} old
     */
    private record Mark(Counts settled, long settledId, List<Seen> seen) {

        long lastSeenId() {
            return seen.isEmpty() ? settledId : seen.get(seen.size() - 1).id();
        }

        /**
         * The id to settle at this count: the newest seen {@link #SETTLE} ago, or the one settled already. At start-up,
         * before any is settled, the newest seen at all: else every count of the first {@link #SETTLE} would read the
         * whole table.
         */
        long settling(long now) {
            long settling = settledId;
            for (Seen s : seen) {
                if (now - s.at() >= SETTLE.toNanos() || settledId == 0) {
                    settling = Math.max(settling, s.id());
                }
            }
            return settling;
        }
    }

    private static final Mark NONE = new Mark(Counts.ZERO, 0, List.of());

    private final String table;
    private final String meeting;
    private final AtomicReference<Mark> mark = new AtomicReference<>(NONE);

    /** Counts the rows of {@code table}. */
    RowCount(String table) {
        this(table, Optional.empty());
    }

    /**
     * Counts the rows of {@code table}, known in {@code condition} as {@code t}, and those that meet the condition, a
     * boolean SQL expression of one row.
     */
    RowCount(String table, Optional<String> condition) {
        this.table = table;
        // Only rows up to the settling id are tested, each once as it settles: the condition looks each row up in
        // another table, and the unsettled rows are read again at every count until they settle.
        this.meeting = condition
                .map(c -> "COALESCE(SUM(CASE WHEN t.id <= ?1 THEN " + c + " END), 0)")
                .orElse("0");
    }

    /** The table's rows now: all of them read if {@code full} or never counted, else only those past the settled id. */
    Uni<Counts> count(Mutiny.Session session, boolean full) {
        Mark last = mark.get();
        Mark from = full || last == NONE ? new Mark(Counts.ZERO, 0, last.seen()) : last;
        long now = System.nanoTime();
        // From the last mark even for a full count: its settled id is one that rows up to it committed.
        long settling = last.settling(now);
        // Native: the table is named at run time, and the condition is SQL (DocumentCounts), summed as a number.
        // A full count has no range on id, so that the database can count on its smallest index.
        String sql = "SELECT COUNT(*), COALESCE(SUM(t.id <= ?1), 0), MAX(t.id), " + meeting + " FROM " + table + " t"
                + (from.settledId() == 0 ? "" : " WHERE t.id > ?2");
        Mutiny.SelectionQuery<Object[]> query =
                session.createNativeQuery(sql, Object[].class).setParameter(1, settling);
        if (from.settledId() != 0) {
            query.setParameter(2, from.settledId());
        }
        return query.getSingleResult().map(row -> {
            Counts read = new Counts(number(row[0]), number(row[3]));
            Counts upToSettling = new Counts(number(row[1]), number(row[3]));
            List<Seen> seen = new ArrayList<>(
                    from.seen().stream().filter(s -> s.id() > settling).toList());
            if (row[2] != null && number(row[2]) > from.lastSeenId()) {
                seen.add(new Seen(number(row[2]), now));
            }
            // A count that ran beside another leaves the mark to the other.
            mark.compareAndSet(last, new Mark(from.settled().plus(upToSettling), settling, List.copyOf(seen)));
            return from.settled().plus(read);
        });
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
