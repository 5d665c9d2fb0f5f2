package io.docmap.dispatcher.persistence.failures;

import java.time.LocalDateTime;

/** A failed document as the API shows it. */
public record FailureView(
        String docId,
        long sourceId,
        String cause,
        String message,
        int attempts,
        LocalDateTime firstFailedAt,
        LocalDateTime lastFailedAt) {}
