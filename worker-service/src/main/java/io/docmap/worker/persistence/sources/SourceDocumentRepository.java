package io.docmap.worker.persistence.sources;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import io.docmap.common.DocumentKey;
import io.docmap.worker.model.SourceDocument;

@ApplicationScoped
public class SourceDocumentRepository implements PanacheRepository<SourceRow> {

    private static final String AS_DOCUMENT = "select new " + SourceDocument.class.getName();

    private final String withoutOutcome;
    private final String owedToRemap;

    /**
     * Builds the page query once: its document key depends on the schema's doc_id width. It joins on the key, not
     * on {@code mid}, so that a row with an unusable mid finds its own failure and never a result stored for another
     * row. Anti-joins, not NOT EXISTS: MariaDB may materialize such a subquery, reading the whole table for every
     * page.
     */
    public SourceDocumentRepository(DocumentKey key) {
        String document = key.hql("s");
        String owed = AS_DOCUMENT + "(s.id, s.mid, s.contentBytes)"
                + " from SourceRow s"
                + " left join DocEntMap m on m.docId = " + document
                + " left join DocFailure f on f.docId = " + document
                + " where s.id in :ids and ";
        this.withoutOutcome = owed + "m.id is null and f.docId is null order by s.id";
        this.owedToRemap = owed + "((m.id is null and f.docId is null) or m.createTime < :before) order by s.id";
    }

    /**
     * The page's rows that have no outcome yet, with their texts' lengths but not the texts, in one query: a
     * redelivered page skips what is already stored or failed, so the mapper is never called twice for a document.
     */
    public Uni<List<SourceDocument>> findWithoutOutcome(List<Long> ids) {
        return getSession().chain(session -> session.createSelectionQuery(withoutOutcome, SourceDocument.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    /**
     * For a re-map's page, the rows whose result was stored before {@code before}, and those without an outcome: a
     * redelivered page skips what it replaced already.
     */
    public Uni<List<SourceDocument>> findOwedToRemap(List<Long> ids, Instant before) {
        return getSession().chain(session -> session.createSelectionQuery(owedToRemap, SourceDocument.class)
                .setParameter("ids", ids)
                .setParameter("before", LocalDateTime.ofInstant(before, ZoneOffset.UTC))
                .getResultList());
    }

    /** The rows with their texts, in id order. */
    public Uni<List<SourceDocument>> withTexts(List<Long> ids) {
        return getSession().chain(session -> session.createSelectionQuery(
                        AS_DOCUMENT + "(s.id, s.mid, s.content, s.contentBytes) from SourceRow s"
                                + " where s.id in :ids order by s.id",
                        SourceDocument.class)
                .setParameter("ids", ids)
                .getResultList());
    }
}
