package io.docmap.dispatcher.persistence.pages;

/** Where the broker put a page's record, from its acknowledgement. */
public record SentRecord(int partition, long offset) {}
