package io.docmap.dispatcher.failure;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/** The dispatcher's side of {@code doc_failure}: failures are written by workers and the lease, retried here. */
@ApplicationScoped
public class FailureRepository {

    /**
     * Forgets that the selected failures' documents were ever dispatched, so that the sweep dispatches them again,
     * then deletes the failures. Until a worker stores them they are pending: never in both tables.
     */
    public Uni<Integer> forget(FailureSelection selection) {
        return Panache.getSession().chain(session -> bind(
                        session.createNativeQuery(
                                "DELETE i FROM dispatch_item i JOIN doc_failure f ON f.source_id = i.source_id WHERE "
                                        + selection.condition()),
                        selection)
                .executeUpdate()
                .chain(() -> bind(
                                session.createNativeQuery("DELETE f FROM doc_failure f WHERE " + selection.condition()),
                                selection)
                        .executeUpdate()));
    }

    private static Mutiny.MutationQuery bind(Mutiny.MutationQuery query, FailureSelection selection) {
        List<String> ids = selection.docIds().isEmpty() ? List.of("") : selection.docIds();
        return query.setParameter(1, selection.cause().orElse(null))
                .setParameter(2, selection.docIds().size())
                .setParameter(3, ids);
    }
}
