package io.docmap.dispatcher.persistence.pages;

/**
 * Where the broker put a page's record, from its acknowledgement, and the trace of its send: null while tracing is
 * off.
 */
public record SentRecord(int partition, long offset, String traceId) {}
