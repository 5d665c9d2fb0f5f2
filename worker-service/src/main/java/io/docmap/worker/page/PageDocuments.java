package io.docmap.worker.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.logging.Log;

import io.docmap.common.DocumentKey;
import io.docmap.common.FailureCause;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.SourceDocument;

/**
 * A page's rows without an outcome, as the mapper must see them: one row per document, since rows that share a mid
 * share its outcome; no row whose mid cannot be a document id, and no text longer than the worker sends. Such a row
 * fails alone with its reason, and its neighbours go on.
 *
 * @param toMap one row per usable document id, in page order, without its text yet
 * @param refused the failures of the rows that are not mapped
 */
public record PageDocuments(List<SourceDocument> toMap, List<DocumentFailure> refused) {

    public static PageDocuments of(List<SourceDocument> rows, DocumentKey key, long maxDocumentBytes) {
        List<SourceDocument> toMap = new ArrayList<>(rows.size());
        List<DocumentFailure> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourceDocument row : rows) {
            String unusable = key.unusableReason(row.mid());
            if (unusable != null) {
                refused.add(failure(row, FailureCause.INVALID_DOC_ID, unusable));
            } else if (row.contentBytes() > maxDocumentBytes) {
                refused.add(failure(
                        row,
                        FailureCause.TOO_LARGE,
                        String.format(
                                "text of %,d bytes is over max-document-bytes (%,d)",
                                row.contentBytes(), maxDocumentBytes)));
            } else if (seen.add(row.mid())) {
                toMap.add(row);
            }
        }
        return new PageDocuments(toMap, refused);
    }

    /**
     * The rows to map in slices whose texts add up to at most {@code budget} bytes, in page order; a row alone may
     * have up to max-document-bytes, which is at most the budget.
     */
    public List<List<SourceDocument>> slices(long budget) {
        List<List<SourceDocument>> slices = new ArrayList<>();
        List<SourceDocument> slice = new ArrayList<>();
        long bytes = 0;
        for (SourceDocument row : toMap) {
            if (!slice.isEmpty() && bytes + row.contentBytes() > budget) {
                slices.add(slice);
                slice = new ArrayList<>();
                bytes = 0;
            }
            slice.add(row);
            bytes += row.contentBytes();
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        return slices;
    }

    private static DocumentFailure failure(SourceDocument row, FailureCause cause, String reason) {
        Log.warnf("source row %d is failed with cause %s: %s", row.id(), cause.code(), reason);
        return new DocumentFailure(row, cause, reason);
    }
}
