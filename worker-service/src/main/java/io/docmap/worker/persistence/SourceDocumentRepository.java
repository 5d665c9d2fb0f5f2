package io.docmap.worker.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SourceDocumentRepository implements PanacheRepository<SourceDocument> {

    /**
     * The page's documents that have no outcome yet, in one query: a redelivered page skips what is already stored
     * or failed, so the mapper is never called twice for a document. Anti-joins, not NOT EXISTS: MariaDB may
     * materialize such a subquery, reading the whole table for every page.
     */
    public Uni<List<SourceDocument>> findWithoutOutcome(List<Long> ids) {
        return find(
                        """
                        select s from SourceDocument s
                        left join DocEntMap m on m.docId = s.mid
                        left join DocFailure f on f.docId = s.mid
                        where s.id in ?1 and m.id is null and f.docId is null
                        order by s.id""",
                        ids)
                .list();
    }
}
