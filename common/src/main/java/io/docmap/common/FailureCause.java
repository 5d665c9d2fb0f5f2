package io.docmap.common;

/** Why a document ended in the failure table: the {@code doc_failure.cause} values. */
public enum FailureCause {
    /** The mapper answered 4xx or a {@code {"detail": …}} body for the document. */
    MAPPER_REJECTED("mapper-rejected"),
    /** The mapper's answer was not JSON, had wrong types, or lacked the document. */
    MALFORMED_RESPONSE("malformed-response"),
    /** The document's page was dispatched the maximum number of times without finishing. */
    LEASE_EXPIRED("lease-expired");

    private final String code;

    FailureCause(String code) {
        this.code = code;
    }

    /** The value stored in {@code doc_failure.cause} and used as a metric tag. */
    public String code() {
        return code;
    }
}
