package io.docmap.worker.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.logging.Log;

import io.docmap.common.DocumentKey;
import io.docmap.common.FailureCause;
import io.docmap.worker.persistence.SourceDocument;

/**
 * A page's rows without an outcome, as the mapper must see them: one row per document, since rows that share a mid
 * share its outcome, and no row whose mid cannot be a document id. Such a row fails alone with its reason, and its
 * neighbours go on.
 *
 * @param toMap one row per usable document id, in page order
 * @param unusable the failures of the rows whose mid is unusable
 */
public record PageDocuments(List<SourceDocument> toMap, List<DocumentFailure> unusable) {

    public static PageDocuments of(List<SourceDocument> rows, DocumentKey key) {
        List<SourceDocument> toMap = new ArrayList<>(rows.size());
        List<DocumentFailure> unusable = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourceDocument row : rows) {
            String reason = key.unusableReason(row.mid);
            if (reason != null) {
                Log.warnf("source row %d is failed with cause invalid-doc-id: %s", row.id, reason);
                unusable.add(new DocumentFailure(row, FailureCause.INVALID_DOC_ID, reason));
            } else if (seen.add(row.mid)) {
                toMap.add(row);
            }
        }
        return new PageDocuments(toMap, unusable);
    }
}
