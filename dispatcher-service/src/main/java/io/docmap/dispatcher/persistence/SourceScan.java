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
     * Source ids that no page holds. An anti-join, not NOT EXISTS: MariaDB materializes that subquery, reading all of
     * dispatch_item for every page.
     */
    private static final String UNDISPATCHED =
            "select s.id from SourceRow s left join DispatchItem i on i.sourceId = s.id where i.sourceId is null";

    /**
     * Ids after {@code after} that no page holds, ascending, by keyset on the primary key: the scan ahead of the
     * cursor. Checking dispatch_item costs one primary-key lookup per row and makes a second dispatch of a row
     * impossible by the query itself, whatever state a crash left.
     */
    public Uni<List<Long>> undispatched(long after, int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        UNDISPATCHED + " and s.id > :after order by s.id", Long.class)
                .setParameter("after", after)
                .setMaxResults(limit)
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
                .mapToObj(k -> "s.id between :first" + k + " and :last" + k)
                .collect(Collectors.joining(" or "));
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                            UNDISPATCHED + " and (" + within + ") and s.id > :after order by s.id", Long.class)
                    .setParameter("after", after)
                    .setMaxResults(limit);
            for (int k = 0; k < ranges.size(); k++) {
                query.setParameter("first" + k, ranges.get(k).first())
                        .setParameter("last" + k, ranges.get(k).last());
            }
            return query.getResultList();
        });
    }

    public Uni<Long> cursor() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select c.lastSourceId from DispatchCursor c where c.name = :name", Long.class)
                .setParameter("name", CURSOR)
                .getSingleResult());
    }

    /** Moves the cursor forward to {@code lastSourceId}, never back. */
    public Uni<Integer> advanceCursor(long lastSourceId) {
        return Panache.getSession().chain(session -> session.createMutationQuery(
                        "update DispatchCursor c set c.lastSourceId = greatest(c.lastSourceId, :id) where c.name = :name")
                .setParameter("id", lastSourceId)
                .setParameter("name", CURSOR)
                .executeUpdate());
    }
}
