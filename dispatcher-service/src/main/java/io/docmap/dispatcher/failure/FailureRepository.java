package io.docmap.dispatcher.failure;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.dispatcher.persistence.DispatchGaps;

/** The dispatcher's side of {@code doc_failure}: failures are written by workers and the lease, retried here. */
@ApplicationScoped
public class FailureRepository {

    /**
     * Forgets that the selected failures' documents were ever dispatched, and hands their ids to the sweep (as gaps
     * of at most 500 ids each), so that it dispatches them again; then deletes the failures. Until a worker
     * stores them they are pending: never in both tables.
     */
    public Uni<Integer> forget(FailureSelection selection) {
        return Panache.getSession().chain(session -> bind(
                        session.createNativeQuery(
                                """
                                INSERT INTO dispatch_gap (first_id, last_id, found_at)
                                SELECT MIN(f.source_id), MAX(f.source_id), UTC_TIMESTAMP(3) FROM doc_failure f WHERE """
                                        + selection.condition()
                                        + " GROUP BY f.source_id DIV 500"
                                        + DispatchGaps.KEEP_THE_WIDER),
                        selection)
                .executeUpdate()
                .chain(() -> bind(
                                session.createNativeQuery(
                                        "DELETE i FROM dispatch_item i JOIN doc_failure f ON f.source_id = i.source_id"
                                                + " WHERE " + selection.condition()),
                                selection)
                        .executeUpdate())
                .chain(() -> bind(
                                session.createNativeQuery("DELETE f FROM doc_failure f WHERE " + selection.condition()),
                                selection)
                        .executeUpdate()));
    }

    /** Failures after {@code after} in doc_id order, by keyset; one more than asked tells whether a next page exists. */
    public Uni<FailurePage> page(Optional<String> cause, String after, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                """
                                SELECT doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at
                                FROM doc_failure WHERE (?1 IS NULL OR cause = ?1) AND doc_id > ?2
                                ORDER BY doc_id LIMIT ?3""",
                                Object[].class)
                        .setParameter(1, cause.orElse(null))
                        .setParameter(2, after)
                        .setParameter(3, limit + 1)
                        .getResultList()))
                .map(rows -> {
                    List<FailureView> items = rows.stream()
                            .limit(limit)
                            .map(FailureRepository::view)
                            .toList();
                    return new FailurePage(
                            items,
                            rows.size() > limit ? items.get(items.size() - 1).docId() : null);
                });
    }

    /** Failures per cause. */
    public Uni<Map<String, Long>> countByCause() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "SELECT cause, COUNT(*) FROM doc_failure GROUP BY cause ORDER BY cause", Object[].class)
                        .getResultList()))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    private static FailureView view(Object[] row) {
        return new FailureView(
                (String) row[0],
                ((Number) row[1]).longValue(),
                (String) row[2],
                (String) row[3],
                ((Number) row[4]).intValue(),
                (LocalDateTime) row[5],
                (LocalDateTime) row[6]);
    }

    private static Mutiny.MutationQuery bind(Mutiny.MutationQuery query, FailureSelection selection) {
        List<String> ids = selection.docIds().isEmpty() ? List.of("") : selection.docIds();
        return query.setParameter(1, selection.cause().orElse(null))
                .setParameter(2, selection.docIds().size())
                .setParameter(3, ids);
    }
}
