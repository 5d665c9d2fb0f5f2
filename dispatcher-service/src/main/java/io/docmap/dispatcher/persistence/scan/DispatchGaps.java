package io.docmap.dispatcher.persistence.scan;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.hibernate.LockMode;

import io.docmap.dispatcher.persistence.ValuesInsert;

/**
 * The ids behind the scan cursor that no page took ({@code dispatch_gap}): those the scan passed over, where rows
 * may still commit, and those a retry handed back. Exactly those: every range holds only ids the sweep may dispatch,
 * so the sweep reads the rows in them with no check against the pages, and takes the ids it dispatches out of them
 * in the transaction that records its page.
 */
@ApplicationScoped
public class DispatchGaps {

    /**
     * How an insert into {@code dispatch_gap} meets a range with the same first id: the wider range stays. Both hold
     * only ids no page took, so the wider holds the ids of both.
     */
    private static final String KEEP_THE_WIDER =
            " ON DUPLICATE KEY UPDATE last_id = GREATEST(last_id, VALUES(last_id))";

    /** The ranges, as {@link IdRange}s; a query goes on with its conditions. */
    private static final String RANGES =
            "select new " + IdRange.class.getName() + "(g.firstId, g.lastId) from DispatchGap g";

    /** Notes ranges of ids no page took, found now: what a scan passed over, or what a retry handed back. */
    public Uni<Integer> record(List<IdRange> ranges) {
        LocalDateTime now = now();
        return insert(ranges.stream().map(range -> gap(range, now)).toList());
    }

    /** Every range, lowest first. */
    public Uni<List<IdRange>> all() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(RANGES + " order by g.firstId", IdRange.class)
                        .getResultList());
    }

    /**
     * Takes the ids of a sweep's page out of the ranges that hold them, in the transaction that records the page. The
     * ranges are read under a write lock, so that a retry noting a range at the same moment waits, and then either
     * widens what is left or notes its range anew. What is left of a range keeps its {@code found_at}.
     *
     * @param ids ascending
     */
    public Uni<Void> take(List<Long> ids) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from DispatchGap g where g.firstId <= :last and g.lastId >= :first", DispatchGap.class)
                        .setParameter("first", ids.get(0))
                        .setParameter("last", ids.get(ids.size() - 1))
                        .setLockMode(LockMode.PESSIMISTIC_WRITE)
                        .getResultList()
                        .chain(held -> {
                            List<DispatchGap> touched = held.stream()
                                    .filter(gap -> new IdRange(gap.firstId, gap.lastId).overlaps(ids))
                                    .toList();
                            List<DispatchGap> left = new ArrayList<>();
                            touched.forEach(gap -> new IdRange(gap.firstId, gap.lastId)
                                    .without(ids)
                                    .forEach(range -> left.add(gap(range, gap.foundAt))));
                            return deleteAll(touched).chain(() -> insert(left));
                        }))
                .replaceWithVoid();
    }

    private Uni<Integer> deleteAll(List<DispatchGap> gaps) {
        if (gaps.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(session -> session.createMutationQuery(
                        "delete from DispatchGap g where g.firstId in :firsts")
                .setParameter("firsts", gaps.stream().map(gap -> gap.firstId).toList())
                .executeUpdate());
    }

    /**
     * One multi-row INSERT, meeting a range that starts at the same id as every writer of gaps does ({@link
     * #KEEP_THE_WIDER}).
     */
    private static Uni<Integer> insert(List<DispatchGap> gaps) {
        return ValuesInsert.rows(
                "dispatch_gap (first_id, last_id, found_at)",
                3,
                gaps.stream()
                        .map(gap -> new Object[] {gap.firstId, gap.lastId, gap.foundAt})
                        .toList(),
                KEEP_THE_WIDER);
    }

    /**
     * Gives up on the ranges past the horizon, with a warning: ids that no transaction committed by then were rolled
     * back, or belong to rows deleted before dispatch. Until then, an id that never appears costs the sweep one index
     * lookup.
     */
    public Uni<Integer> retirePastHorizon(Duration horizon) {
        LocalDateTime cutoff = now().minus(horizon);
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(*), min(g.firstId), max(g.lastId) from DispatchGap g where g.foundAt < :cutoff",
                        Object[].class)
                .setParameter("cutoff", cutoff)
                .getSingleResult()
                .chain(past -> {
                    if (((Number) past[0]).longValue() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Log.warnf(
                            "%d ranges of source ids, between %s and %s, stayed unseen for %s"
                                    + " (docmap.dispatch.gap-horizon): the sweep stops looking there; a"
                                    + " transaction that inserts rows must commit sooner",
                            past[0], past[1], past[2], horizon);
                    return session.createMutationQuery("delete from DispatchGap g where g.foundAt < :cutoff")
                            .setParameter("cutoff", cutoff)
                            .executeUpdate();
                }));
    }

    private static DispatchGap gap(IdRange range, LocalDateTime foundAt) {
        DispatchGap gap = new DispatchGap();
        gap.firstId = range.first();
        gap.lastId = range.last();
        gap.foundAt = foundAt;
        return gap;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
