package io.docmap.dispatcher.persistence.scan;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code source_data} ids by keyset, never by OFFSET: ahead of the scan cursor, and in the sweep's gaps behind
 * it. Neither needs to check the pages: no page holds an id past the cursor, nor one in a gap ({@link DispatchGaps}).
 */
@ApplicationScoped
public class SourceScan {

    private static final String CURSOR = "scan";

    /** Ids after {@code after}, ascending: the scan ahead of the cursor, one primary-key range read. */
    public Uni<List<Long>> after(long after, int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select s.id from SourceRow s where s.id > :after order by s.id", Long.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    }

    /**
     * Ids in the given ranges, ascending, after {@code after}: the sweep behind the cursor, as index range lookups
     * whatever the size of the table around them. The ranges are written into the statement as one OR of BETWEENs,
     * which the optimizer reads as a list of primary-key ranges; a join with {@code dispatch_gap} is planned as a scan.
     */
    public Uni<List<Long>> in(List<IdRange> ranges, long after, int limit) {
        String within = IntStream.range(0, ranges.size())
                .mapToObj(k -> "s.id between :first" + k + " and :last" + k)
                .collect(Collectors.joining(" or "));
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                            "select s.id from SourceRow s where (" + within + ") and s.id > :after order by s.id",
                            Long.class)
                    .setParameter("after", after)
                    .setMaxResults(limit);
            for (int k = 0; k < ranges.size(); k++) {
                query.setParameter("first" + k, ranges.get(k).first())
                        .setParameter("last" + k, ranges.get(k).last());
            }
            return query.getResultList();
        });
    }

    /** The highest source id a scanned page holds: no page holds an id past it. */
    public Uni<Long> cursor() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select c.lastSourceId from DispatchCursor c where c.name = :name", Long.class)
                .setParameter("name", CURSOR)
                .getSingleResult());
    }

    /**
     * Moves the cursor from {@code from} to {@code to}, in the transaction that records the pages scanned between: a
     * compare-and-set, so that of two dispatchers that read the same cursor, only one records pages past it. The other
     * fails, and its transaction, pages and all, rolls back.
     */
    public Uni<Void> move(long from, long to) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery(
                                "update DispatchCursor c set c.lastSourceId = :to where c.name = :name"
                                        + " and c.lastSourceId = :from")
                        .setParameter("to", to)
                        .setParameter("from", from)
                        .setParameter("name", CURSOR)
                        .executeUpdate())
                .chain(moved -> moved == 1
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(new CursorMovedException("the scan cursor moved from " + from
                                        + " while this dispatcher scanned past it: another dispatcher recorded pages"
                                        + " there; this one records none of its scan")));
    }
}
