package io.docmap.worker.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DocFailureRepository implements PanacheRepositoryBase<DocFailure, String> {

    /** Records failures; a document that fails again keeps its first time and counts one more attempt. */
    public Uni<Integer> recordAll(List<DocFailure> rows) {
        return getSession()
                .chain(session -> SqlRows.insert(
                        session,
                        "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at)",
                        "ON DUPLICATE KEY UPDATE cause = VALUES(cause), message = VALUES(message),"
                                + " attempts = attempts + 1, last_failed_at = VALUES(last_failed_at)",
                        rows,
                        row -> List.of(
                                row.docId,
                                row.sourceId,
                                row.cause,
                                row.message,
                                row.attempts,
                                row.firstFailedAt,
                                row.lastFailedAt)));
    }

    /** Removes the failures of documents that now have a result: a document is never in both tables. */
    public Uni<Long> clear(List<String> docIds) {
        return docIds.isEmpty() ? Uni.createFrom().item(0L) : delete("docId in ?1", docIds);
    }
}
