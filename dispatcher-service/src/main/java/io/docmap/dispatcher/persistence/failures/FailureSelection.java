package io.docmap.dispatcher.persistence.failures;

import java.util.List;
import java.util.Optional;

/**
 * Which failures an operation applies to: all of them, those of one cause, or those of the given documents.
 *
 * @param cause a {@code doc_failure.cause} value, or empty for any cause
 * @param docIds documents ({@code doc_id}), or empty for any document
 */
public record FailureSelection(Optional<String> cause, List<String> docIds) {

    public static FailureSelection all() {
        return new FailureSelection(Optional.empty(), List.of());
    }

    public static FailureSelection ofCause(String cause) {
        return new FailureSelection(Optional.of(cause), List.of());
    }

    public static FailureSelection ofDocuments(List<String> docIds) {
        return new FailureSelection(Optional.empty(), List.copyOf(docIds));
    }

    /** The failures of this selection among the given documents: a batch of it. */
    public FailureSelection within(List<String> batch) {
        return new FailureSelection(cause, List.copyOf(batch));
    }

    /** The SQL condition on {@code doc_failure f} with its parameters from {@code ?1} on. */
    String condition() {
        return "(?1 IS NULL OR f.cause = ?1) AND (?2 = 0 OR f.doc_id IN (?3))";
    }
}
