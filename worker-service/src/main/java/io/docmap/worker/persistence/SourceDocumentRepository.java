package io.docmap.worker.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SourceDocumentRepository implements PanacheRepository<SourceDocument> {

    /**
     * The page's documents that have no outcome yet, in one query: a redelivered page skips what is already stored
     * or failed, so the mapper is never called twice for a document.
     */
    public Uni<List<SourceDocument>> findWithoutOutcome(List<Long> ids) {
        return find("#" + SourceDocument.WITHOUT_OUTCOME, Parameters.with("ids", ids))
                .list();
    }
}
