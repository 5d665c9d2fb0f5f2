package io.docmap.worker.persistence.outcomes;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.docmap.common.persistence.DocFailure;
import io.docmap.worker.persistence.schema.Schema;

@ApplicationScoped
public class DocFailureRepository implements PanacheRepositoryBase<DocFailure, String> {

    private static final List<String> COLUMNS =
            List.of("doc_id", "source_id", "cause", "message", "attempts", "first_failed_at", "last_failed_at");

    private final Schema schema;

    public DocFailureRepository(Schema schema) {
        this.schema = schema;
    }

    /**
     * Records failures of documents that have no result; a document that fails again keeps its first time and counts
     * one more attempt. The check for a result is in the statement: INSERT … SELECT reads doc_ent_map with shared
     * locks, so a result being stored at the same moment either commits first, and the failure is not written, or
     * waits for this transaction and then deletes the failure as it stores.
     */
    public Uni<Integer> recordAll(List<DocFailure> rows) {
        return getSession()
                .chain(session -> SqlRows.execute(
                        session,
                        SqlRows.valuesWhere(
                                "INSERT INTO doc_failure (" + String.join(", ", COLUMNS) + ")",
                                COLUMNS,
                                "NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = v.doc_id)",
                                "ON DUPLICATE KEY UPDATE cause = VALUES(cause), message = VALUES(message),"
                                        + " attempts = doc_failure.attempts + 1,"
                                        + " last_failed_at = VALUES(last_failed_at)"),
                        rows,
                        row -> List.of(
                                row.docId,
                                row.sourceId,
                                row.cause,
                                row.message,
                                row.attempts,
                                row.firstFailedAt,
                                row.lastFailedAt),
                        schema.facts().statementBytes()));
    }

    /**
     * Removes the failures of documents that now have a result: a document is never in both tables. In SQL, not HQL:
     * Hibernate caches no plan for a statement with a list parameter, and translated this one for every page.
     */
    public Uni<Integer> clear(List<String> docIds) {
        return getSession()
                .chain(session -> SqlRows.execute(
                        session,
                        SqlRows.inList("DELETE FROM doc_failure WHERE doc_id IN"),
                        docIds,
                        List::<Object>of,
                        schema.facts().statementBytes()));
    }
}
