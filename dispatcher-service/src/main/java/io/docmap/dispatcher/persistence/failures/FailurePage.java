package io.docmap.dispatcher.persistence.failures;

import java.util.List;

/**
 * One page of failures, ordered by doc_id.
 *
 * @param next the {@code after} value for the next page, or null on the last page
 */
public record FailurePage(List<FailureView> items, String next) {}
