package io.docmap.worker.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SourceDocumentRepository implements PanacheRepository<SourceDocument> {

    /**
     * The page's documents that have no outcome yet, in one query: a redelivered page skips what is already stored
     * or failed, so the mapper is never called twice for a document.
     */
    public Uni<List<SourceDocument>> findWithoutOutcome(List<Long> ids) {
        return find(
                        """
                        from SourceDocument s
                        where s.id in ?1
                          and not exists (from DocEntMap m where m.docId = s.mid)
                          and not exists (from DocFailure f where f.docId = s.mid)
                        order by s.id""",
                        ids)
                .list();
    }
}
