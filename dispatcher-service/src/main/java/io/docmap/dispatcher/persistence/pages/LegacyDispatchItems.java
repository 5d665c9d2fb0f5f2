package io.docmap.dispatcher.persistence.pages;

import java.time.LocalDateTime;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Adopts what a dispatcher before {@code dispatch_run} left: pages whose ids are rows of {@code dispatch_item}, a
 * cursor that stayed behind recorded pages until the broker acknowledged them, and gaps that could hold ids a page
 * took. The leader does it whenever it takes the lead, before its first round, so that it also adopts what an earlier
 * version wrote while it led during a rolling update. On a database that has nothing left to adopt, each step reads a
 * few index entries and writes nothing. The statements are native: window functions turn ids into runs and holes,
 * which HQL cannot express, and {@code dispatch_item} has no entity any more.
 */
@ApplicationScoped
public class LegacyDispatchItems {

    /** The live pages that have no runs get them from their items, each run of consecutive ids one row. */
    private static final String RUNS_OF_LIVE_PAGES =
            """
            INSERT INTO dispatch_run (page_id, first_id, last_id)
            SELECT page_id, MIN(source_id), MAX(source_id) FROM (
                SELECT i.page_id, i.source_id,
                       i.source_id - ROW_NUMBER() OVER (PARTITION BY i.page_id ORDER BY i.source_id) AS run
                FROM dispatch_page p JOIN dispatch_item i ON i.page_id = p.page_id
                WHERE p.state IN ('RECORDED', 'SENT')
                  AND NOT EXISTS (SELECT 1 FROM dispatch_run r WHERE r.page_id = p.page_id)) items
            GROUP BY page_id, run""";

    /** The cursor moves past every scanned page: it used to stay behind those the broker had not acknowledged. */
    private static final String CURSOR_PAST_SCANNED_PAGES =
            """
            UPDATE dispatch_cursor SET last_source_id = GREATEST(last_source_id,
                (SELECT COALESCE(MAX(last_source_id), 0) FROM dispatch_page WHERE origin = 'SCAN'))
            WHERE name = 'scan'""";

    /** The gaps that hold an id of a page: the sweep used to skip such ids, and now dispatches whatever a gap holds. */
    private static final String GAPS_HOLDING_ITEMS =
            """
            SELECT g.first_id, g.last_id, g.found_at FROM dispatch_gap g
            WHERE EXISTS (SELECT 1 FROM dispatch_item i WHERE i.source_id BETWEEN g.first_id AND g.last_id)""";

    /**
     * What is left of one such gap ({@code ?1}..{@code ?2}, found at {@code ?3}) without the ids pages hold: the holes
     * between consecutive held ids, with the gap's ends as bounds.
     */
    private static final String HOLES =
            """
            INSERT INTO dispatch_gap (first_id, last_id, found_at)
            SELECT lo + 1, hi - 1, ?3 FROM (
                SELECT id AS hi, LAG(id) OVER (ORDER BY id) AS lo FROM (
                    SELECT source_id AS id FROM dispatch_item WHERE source_id BETWEEN ?1 AND ?2
                    UNION ALL SELECT ?1 - 1
                    UNION ALL SELECT ?2 + 1) bounds) pairs
            WHERE hi - lo > 1
            ON DUPLICATE KEY UPDATE last_id = GREATEST(last_id, VALUES(last_id))""";

    /** Native: {@link #RUNS_OF_LIVE_PAGES}, {@link #CURSOR_PAST_SCANNED_PAGES} and {@link #GAPS_HOLDING_ITEMS}. */
    public Uni<Void> adopt() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RUNS_OF_LIVE_PAGES)
                        .executeUpdate()
                        .invoke(runs -> {
                            if (runs > 0) {
                                Log.infof("gave %d runs of ids to pages recorded by an earlier version", runs);
                            }
                        })
                        .chain(() -> session.createNativeQuery(CURSOR_PAST_SCANNED_PAGES)
                                .executeUpdate())
                        .chain(() -> session.createNativeQuery(GAPS_HOLDING_ITEMS, Object[].class)
                                .getResultList()))
                .chain(this::cutItemsOut);
    }

    private Uni<Void> cutItemsOut(List<Object[]> gaps) {
        Uni<Void> cut = Uni.createFrom().voidItem();
        for (Object[] gap : gaps) {
            long first = ((Number) gap[0]).longValue();
            long last = ((Number) gap[1]).longValue();
            LocalDateTime foundAt = (LocalDateTime) gap[2];
            cut = cut.chain(() -> cutItemsOut(first, last, foundAt));
        }
        if (!gaps.isEmpty()) {
            Log.infof("took the ids that pages hold out of %d gaps an earlier version noted", gaps.size());
        }
        return cut;
    }

    /**
     * Replaces the gap with its holes, which keep its {@code found_at}. The gap goes first: a hole that starts where
     * the gap starts would otherwise keep the gap's wider end.
     *
     * <p>Native: {@link #HOLES}.
     */
    private Uni<Void> cutItemsOut(long first, long last, LocalDateTime foundAt) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery("delete from DispatchGap g where g.firstId = :first")
                        .setParameter("first", first)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(HOLES)
                                .setParameter(1, first)
                                .setParameter(2, last)
                                .setParameter(3, foundAt)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
