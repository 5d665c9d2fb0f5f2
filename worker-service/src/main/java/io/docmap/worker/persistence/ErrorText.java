package io.docmap.worker.persistence;

/** The error texts the worker stores, doc_failure.message and page_attempt.last_error, are VARCHAR(2000). */
public final class ErrorText {

    public static final int LIMIT = 2000;

    private ErrorText() {}

    /** The text cut to the columns' size. */
    public static String fit(String text) {
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT);
    }
}
