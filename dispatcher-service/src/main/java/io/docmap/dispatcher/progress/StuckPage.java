package io.docmap.dispatcher.progress;

import java.time.LocalDateTime;

import io.docmap.dispatcher.persistence.attempts.PageAttempt;

/**
 * An unfinished page whose attempts keep failing: what a worker last saw go wrong, and where.
 *
 * @param pageId the page
 * @param failures attempts that failed in a row
 * @param attempts attempts in all
 * @param worker the worker of the last attempt (pid@host; the host is the pod on Kubernetes)
 * @param failingSince when the first of those failures happened (UTC)
 * @param lastError the last attempt's error
 * @param lastFailedAt when it failed (UTC)
 */
public record StuckPage(
        long pageId,
        int failures,
        int attempts,
        String worker,
        LocalDateTime failingSince,
        String lastError,
        LocalDateTime lastFailedAt) {

    static StuckPage of(PageAttempt attempt) {
        return new StuckPage(
                attempt.pageId,
                attempt.failures,
                attempt.attempts,
                attempt.worker,
                attempt.failingSince,
                attempt.lastError,
                attempt.lastFailedAt);
    }
}
