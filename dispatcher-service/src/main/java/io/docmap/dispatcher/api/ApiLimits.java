package io.docmap.dispatcher.api;

/** The API's bounds. */
final class ApiLimits {

    /** Most items one call lists or names: a page of failures, or the doc_ids of a retry. */
    static final int MAX_ITEMS = 500;

    private ApiLimits() {}
}
