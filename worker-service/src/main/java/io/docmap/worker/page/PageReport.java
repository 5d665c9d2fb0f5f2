package io.docmap.worker.page;

/**
 * What processing one page did. Documents named by the page but neither stored nor failed now already had an
 * outcome (a redelivery) or no longer exist.
 */
public record PageReport(long pageId, int named, int stored, int failed, long nanos) {}
