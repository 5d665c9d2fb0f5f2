package io.docmap.dispatcher.persistence.attempts;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code page_attempt}: the workers' account of their attempts at a page, which they write and the dispatcher
 * reads. The page is taken for the send numbered {@code sendCount}; its lease runs from {@code takenAt}.
 */
@Entity
@Table(name = "page_attempt")
public class PageAttempt {

    @Id
    @Column(name = "page_id")
    public Long pageId;

    @Column(name = "send_count")
    public int sendCount;

    public String worker;

    /** Attempts at the page in all, retries included. */
    public int attempts;

    /** Attempts that failed in a row. */
    public int failures;

    /** When the latest attempt began. */
    @Column(name = "taken_at")
    public LocalDateTime takenAt;

    /** When the first of the failures in a row happened. */
    @Column(name = "failing_since")
    public LocalDateTime failingSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_failed_at")
    public LocalDateTime lastFailedAt;
}
