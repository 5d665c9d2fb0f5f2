package io.docmap.dispatcher.persistence;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The id ranges the scan passed over ({@code dispatch_gap}), where rows may still commit behind the cursor. The sweep
 * reads these ranges ({@link SourceScan#undispatchedIn}) instead of the whole table behind the cursor, which
 * would cost a full read of {@code source_data}, texts included, every sweep.
 */
@ApplicationScoped
public class DispatchGaps {

    /**
     * How an insert into {@code dispatch_gap} meets a range with the same first id: the wider range stays. Every
     * writer of gaps ends its insert with this, so that two notes of one range never lose ids.
     */
    static final String KEEP_THE_WIDER = " ON DUPLICATE KEY UPDATE last_id = GREATEST(last_id, VALUES(last_id))";

    /** The ranges, as {@link IdRange}s; a query goes on with its joins and conditions. */
    private static final String RANGES =
            "select new " + IdRange.class.getName() + "(g.firstId, g.lastId) from DispatchGap g";

    /** Dispatched ids read from each end of a range per sweep, to narrow it. */
    private static final int NARROW_STEP = 50_000;

    /**
     * Notes a range the scan passed over, in the transaction that records the scan's page. Native: MariaDB's ON
     * DUPLICATE KEY UPDATE, in the one form every writer of gaps shares ({@link #KEEP_THE_WIDER}).
     */
    public Uni<Integer> record(IdRange range) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO dispatch_gap (first_id, last_id, found_at) VALUES (?1, ?2, ?3)" + KEEP_THE_WIDER)
                .setParameter(1, range.first())
                .setParameter(2, range.last())
                .setParameter(3, now())
                .executeUpdate());
    }

    /** Every range, lowest first. */
    public Uni<List<IdRange>> all() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(RANGES + " order by g.firstId", IdRange.class)
                        .getResultList());
    }

    /**
     * After a sweep: gives up on the ranges past the horizon, with a warning (ids that no transaction committed by
     * then were rolled back, or belong to rows deleted before dispatch), and narrows every range that starts or ends
     * with a dispatched id to the ids that no page holds yet, dropping it once none is left. Ranges of ids that never
     * appear cost the sweep one index lookup each until the horizon.
     */
    public Uni<Void> settle(Duration horizon) {
        return retirePastHorizon(horizon)
                .chain(this::withADispatchedEnd)
                .chain(ranges -> Multi.createFrom()
                        .iterable(ranges)
                        .onItem()
                        .transformToUniAndConcatenate(this::narrow)
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    private Uni<Integer> retirePastHorizon(Duration horizon) {
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

    /** The ranges whose first or last id a page holds: the only ones that narrowing can shrink. */
    private Uni<List<IdRange>> withADispatchedEnd() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        RANGES
                                + " left join DispatchItem a on a.sourceId = g.firstId"
                                + " left join DispatchItem b on b.sourceId = g.lastId"
                                + " where a.sourceId is not null or b.sourceId is not null",
                        IdRange.class)
                .getResultList());
    }

    /** Narrows a range to the ids that no page holds yet, from both ends; drops it when every id is held. */
    private Uni<Void> narrow(IdRange range) {
        return undispatchedFrom(range, false)
                .chain(first -> first > range.last()
                        ? Uni.createFrom().item(Optional.<IdRange>empty())
                        : undispatchedFrom(new IdRange(first, range.last()), true)
                                .map(last -> Optional.of(new IdRange(first, last))))
                .chain(left ->
                        left.equals(Optional.of(range)) ? Uni.createFrom().voidItem() : replace(range, left));
    }

    /**
     * The first id that no page holds, walking from the range's start (or, with {@code fromEnd}, back from its end);
     * past that end of the range when every id is held.
     */
    private Uni<Long> undispatchedFrom(IdRange range, boolean fromEnd) {
        return dispatchedFromEnd(range, fromEnd ? "desc" : "asc").map(ids -> {
            int step = fromEnd ? -1 : 1;
            long expected = fromEnd ? range.last() : range.first();
            for (long id : ids) {
                if (id != expected) {
                    break;
                }
                expected += step;
            }
            return expected;
        });
    }

    private Uni<List<Long>> dispatchedFromEnd(IdRange range, String order) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select i.sourceId from DispatchItem i where i.sourceId between :first and :last"
                                + " order by i.sourceId " + order,
                        Long.class)
                .setParameter("first", range.first())
                .setParameter("last", range.last())
                .setMaxResults(NARROW_STEP)
                .getResultList());
    }

    /**
     * Replaces a range with what narrowing left of it, only if it is still the range this sweep read. A range whose
     * start moved is written anew, keeping its {@code found_at}, and meets a range that starts there as every writer
     * of gaps does ({@link #KEEP_THE_WIDER}): ranges overlap when a retry's range holds a scan's, and updating the key
     * in place would clash with the other's and roll the clean-up back at every sweep.
     *
     * <p>Native: MariaDB's INSERT … SELECT with ON DUPLICATE KEY UPDATE; the derived table keeps the
     * update's column names the table's own.
     */
    private Uni<Void> replace(IdRange range, Optional<IdRange> narrowed) {
        return Panache.getSession().chain(session -> {
            if (narrowed.isPresent() && narrowed.get().first() == range.first()) {
                return session.createMutationQuery("update DispatchGap g set g.lastId = :last"
                                + " where g.firstId = :first and g.lastId = :old")
                        .setParameter("last", narrowed.get().last())
                        .setParameter("first", range.first())
                        .setParameter("old", range.last())
                        .executeUpdate()
                        .replaceWithVoid();
            }
            Uni<Integer> moved = narrowed.isEmpty()
                    ? Uni.createFrom().item(0)
                    : session.createNativeQuery("INSERT INTO dispatch_gap (first_id, last_id, found_at)"
                                    + " SELECT * FROM (SELECT ?1 AS f, ?2 AS l, found_at FROM dispatch_gap"
                                    + " WHERE first_id = ?3 AND last_id = ?4) AS moved"
                                    + KEEP_THE_WIDER)
                            .setParameter(1, narrowed.get().first())
                            .setParameter(2, narrowed.get().last())
                            .setParameter(3, range.first())
                            .setParameter(4, range.last())
                            .executeUpdate();
            return moved.chain(() -> session.createMutationQuery(
                                    "delete from DispatchGap g where g.firstId = :first and g.lastId = :last")
                            .setParameter("first", range.first())
                            .setParameter("last", range.last())
                            .executeUpdate())
                    .replaceWithVoid();
        });
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
