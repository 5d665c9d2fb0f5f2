package io.docmap.dispatcher.persistence.documents;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What docmap holds for one document: its source rows, its outcome (a result, a failure, or none yet), and the pages
 * that carried it.
 *
 * @param outcome {@code stored}, {@code failed}, or {@code pending} while it has neither
 * @param result the stored result, or null
 * @param failure the failure, or null
 */
public record DocumentView(
        String docId, String outcome, List<Row> rows, Result result, Failure failure, List<Carrier> pages) {

    /** A source row of the document; {@code contentLength} in characters, the text itself is not shown. */
    public record Row(long sourceId, String mid, String created, Long contentLength) {}

    /**
     * The lists as stored: JSON arrays, or the old pipeline's comma-joined text; and the version of the mapper that
     * found them, null when unknown (stored before docmap recorded it, or by a mapper that names none).
     */
    public record Result(String entities, String canonicalNames, LocalDateTime storedAt, String mapperVersion) {}

    public record Failure(
            String cause, String message, int attempts, LocalDateTime firstFailedAt, LocalDateTime lastFailedAt) {}

    /**
     * A page that carried one of its rows, with the workers' account of it while the page was in flight (their rows
     * go once it is done).
     */
    public record Carrier(
            long pageId,
            long sourceId,
            String origin,
            String state,
            int sends,
            LocalDateTime recordedAt,
            LocalDateTime doneAt,
            String worker,
            Integer attempts,
            String lastError) {}
}
