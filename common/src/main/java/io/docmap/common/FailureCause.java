package io.docmap.common;

/** Why a document ended in the failure table: the {@code doc_failure.cause} values. */
public enum FailureCause {
    /** The mapper answered 4xx or a {@code {"detail": …}} body for the document. */
    MAPPER_REJECTED("mapper-rejected"),
    /** The mapper's answer was not JSON, had wrong types, or lacked the document. */
    MALFORMED_RESPONSE("malformed-response"),
    /** The document's page was dispatched the maximum number of times without finishing. */
    LEASE_EXPIRED("lease-expired"),
    /**
     * The source row's {@code mid} cannot be a document id: NULL, empty, longer than the result tables' {@code
     * doc_id}, or in the form of a source-row key ({@link DocumentKey}). The failure is keyed by the row's id.
     */
    INVALID_DOC_ID("invalid-doc-id"),
    /** The document's text is longer than the worker's max-document-bytes: it was never loaded nor sent. */
    TOO_LARGE("too-large"),
    /**
     * The document's mapped lists are longer than {@code doc_ent_map}'s list columns can hold: the old pipeline's
     * {@code TEXT} holds 65,535 bytes.
     */
    RESULT_TOO_LARGE("result-too-large");

    private final String code;

    FailureCause(String code) {
        this.code = code;
    }

    /** The value stored in {@code doc_failure.cause} and used as a metric tag. */
    public String code() {
        return code;
    }
}
