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
     * go once it is done), and the trace of its latest send when tracing was on, with a link to it where a trace
     * viewer is configured.
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
            String lastError,
            String traceId,
            String traceUrl) {

        Carrier linkedBy(String template) {
            return traceId == null
                    ? this
                    : new Carrier(
                            pageId,
                            sourceId,
                            origin,
                            state,
                            sends,
                            recordedAt,
                            doneAt,
                            worker,
                            attempts,
                            lastError,
                            traceId,
                            template.replace(TRACE_ID, traceId));
        }
    }

    /** Where a trace viewer's URL takes the trace id. */
    public static final String TRACE_ID = "{traceId}";

    /** This view with a link to each carrier's trace, by the viewer's URL with {@value #TRACE_ID} in it. */
    public DocumentView linkingTraces(String template) {
        return new DocumentView(
                docId,
                outcome,
                rows,
                result,
                failure,
                pages.stream().map(page -> page.linkedBy(template)).toList());
    }
}
