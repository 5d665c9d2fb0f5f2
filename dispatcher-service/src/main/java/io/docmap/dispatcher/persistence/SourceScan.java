package io.docmap.dispatcher.persistence;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads {@code source_data} ids by keyset (id > cursor), never by OFFSET, and the cursor itself. */
@ApplicationScoped
public class SourceScan {

    private static final String CURSOR = "scan";

    /**
     * Ids after {@code after} that no page holds, ascending, by keyset on the primary key: the scan ahead of the
     * cursor. Checking dispatch_item costs one primary-key lookup per row and makes a second dispatch of a row
     * impossible by the query itself, whatever state a crash left. It is an anti-join, not NOT EXISTS: MariaDB
     * materializes that subquery, reading all of dispatch_item for every page.
     */
    public Uni<List<Long>> undispatched(long after, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        """
                        SELECT s.id FROM source_data s
                        LEFT JOIN dispatch_item i ON i.source_id = s.id
                        WHERE s.id > ?1 AND i.source_id IS NULL
                        ORDER BY s.id LIMIT ?2""",
                        Long.class)
                .setParameter(1, after)
                .setParameter(2, limit)
                .getResultList());
    }

    /**
     * Ids in the given ranges that no page holds, ascending, after {@code after}: the sweep behind the cursor, as
     * index range lookups whatever the size of the table around them. The ranges are written into the statement as
     * one OR of BETWEENs, which the optimizer reads as a list of primary-key ranges; a join with {@code dispatch_gap}
     * is planned as a scan.
     */
    public Uni<List<Long>> undispatchedIn(List<IdRange> ranges, long after, int limit) {
        String within = IntStream.range(0, ranges.size())
                .mapToObj(k -> "s.id BETWEEN ?" + (2 * k + 3) + " AND ?" + (2 * k + 4))
                .collect(Collectors.joining(" OR "));
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(
                            "SELECT s.id FROM source_data s LEFT JOIN dispatch_item i ON i.source_id = s.id WHERE ("
                                    + within + ") AND s.id > ?1 AND i.source_id IS NULL ORDER BY s.id LIMIT ?2",
                            Long.class)
                    .setParameter(1, after)
                    .setParameter(2, limit);
            for (int k = 0; k < ranges.size(); k++) {
                query.setParameter(2 * k + 3, ranges.get(k).first())
                        .setParameter(2 * k + 4, ranges.get(k).last());
            }
            return query.getResultList();
        });
    }

    public Uni<Long> cursor() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT last_source_id FROM dispatch_cursor WHERE name = ?1", Long.class)
                .setParameter(1, CURSOR)
                .getSingleResult());
    }

    /** Moves the cursor forward to {@code lastSourceId}, never back. */
    public Uni<Integer> advanceCursor(long lastSourceId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "UPDATE dispatch_cursor SET last_source_id = GREATEST(last_source_id, ?1) WHERE name = ?2")
                .setParameter(1, lastSourceId)
                .setParameter(2, CURSOR)
                .executeUpdate());
    }
}
