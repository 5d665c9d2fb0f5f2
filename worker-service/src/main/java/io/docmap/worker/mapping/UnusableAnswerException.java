package io.docmap.worker.mapping;

import io.docmap.common.FailureCause;

/** A mapper answer that is unusable as a whole (not JSON, not an array, a detail body): it fails the call's documents. */
public class UnusableAnswerException extends RuntimeException {

    private final FailureCause cause;

    public UnusableAnswerException(FailureCause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public FailureCause failureCause() {
        return cause;
    }
}
