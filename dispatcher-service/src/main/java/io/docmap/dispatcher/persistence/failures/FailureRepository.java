package io.docmap.dispatcher.persistence.failures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.persistence.DocFailure;
import io.docmap.dispatcher.persistence.pages.DispatchRuns;
import io.docmap.dispatcher.persistence.pages.LegacyDispatchItems;
import io.docmap.dispatcher.persistence.scan.DispatchGaps;
import io.docmap.dispatcher.persistence.scan.IdRange;

/** The dispatcher's side of {@code doc_failure}: failures are written by workers and the lease, retried here. */
@ApplicationScoped
public class FailureRepository implements PanacheRepositoryBase<DocFailure, String> {

    private final DispatchRuns runs;
    private final DispatchGaps gaps;

    public FailureRepository(DispatchRuns runs, DispatchGaps gaps) {
        this.runs = runs;
        this.gaps = gaps;
    }

    /**
     * Hands the selected failures' rows back to the sweep, then deletes the failures: their ids leave the pages in
     * flight that hold them ({@link DispatchRuns#release}), and become gaps, as runs of consecutive ids, which the
     * sweep dispatches again. Until a worker stores them they are pending: never in both tables.
     *
     * <p>Native: the rows of {@code dispatch_item} (the ids of pages recorded before {@code dispatch_run}) are deleted
     * by a join, which MariaDB before 11.1 plans better than HQL's IN subquery, so that the leader never gives those
     * pages the ids back ({@link LegacyDispatchItems}); the statements share one condition and its parameters ({@link
     * FailureSelection#condition()}).
     */
    public Uni<Integer> forget(FailureSelection selection) {
        return getSession().chain(session -> bind(
                        session.createNativeQuery(
                                "SELECT DISTINCT f.source_id FROM doc_failure f WHERE " + selection.condition()
                                        + " ORDER BY f.source_id",
                                Long.class),
                        selection)
                .getResultList()
                .call(runs::release)
                .call(ids -> gaps.record(IdRange.runsOf(ids)))
                .chain(() -> bind(
                                session.createNativeQuery("DELETE i FROM dispatch_item i JOIN doc_failure f"
                                        + " ON f.source_id = i.source_id WHERE "
                                        + selection.condition()),
                                selection)
                        .executeUpdate())
                .chain(() -> bind(
                                session.createNativeQuery("DELETE f FROM doc_failure f WHERE " + selection.condition()),
                                selection)
                        .executeUpdate()));
    }

    /** The next {@code limit} documents of the selection after {@code after}, in doc_id order: a batch to retry. */
    public Uni<List<String>> nextDocIds(FailureSelection selection, String after, int limit) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select f.docId from DocFailure f where (:cause is null or f.cause = :cause)"
                                + " and (:all = true or f.docId in :ids) and f.docId > :after order by f.docId",
                        String.class)
                .setParameter("cause", selection.cause().orElse(null))
                .setParameter("all", selection.docIds().isEmpty())
                .setParameter("ids", selection.docIds().isEmpty() ? List.of("") : selection.docIds())
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Failures after {@code after} in doc_id order, by keyset; one more than asked tells whether a next page exists. */
    public Uni<FailurePage> page(Optional<String> cause, String after, int limit) {
        return Panache.withSession(() -> getSession().chain(session -> session.createSelectionQuery(
                                "select new " + FailureView.class.getName()
                                        + "(f.docId, f.sourceId, f.cause, f.message, f.attempts, f.firstFailedAt,"
                                        + " f.lastFailedAt) from DocFailure f"
                                        + " where (:cause is null or f.cause = :cause) and f.docId > :after"
                                        + " order by f.docId",
                                FailureView.class)
                        .setParameter("cause", cause.orElse(null))
                        .setParameter("after", after)
                        .setMaxResults(limit + 1)
                        .getResultList()))
                .map(rows -> {
                    List<FailureView> items = rows.subList(0, Math.min(limit, rows.size()));
                    return new FailurePage(
                            List.copyOf(items),
                            rows.size() > limit ? items.get(items.size() - 1).docId() : null);
                });
    }

    /** Failures per cause, the most frequent first: few, unless something is badly wrong. */
    public Uni<Map<String, Long>> countByCause() {
        return Panache.withSession(() -> getSession().chain(session -> session.createSelectionQuery(
                                "select f.cause, count(*) from DocFailure f group by f.cause"
                                        + " order by count(*) desc, f.cause",
                                Object[].class)
                        .getResultList()))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, FailureSelection selection) {
        List<String> ids = selection.docIds().isEmpty() ? List.of("") : selection.docIds();
        query.setParameter(1, selection.cause().orElse(null));
        query.setParameter(2, selection.docIds().size());
        query.setParameter(3, ids);
        return query;
    }
}
