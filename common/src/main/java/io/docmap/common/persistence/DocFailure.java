package io.docmap.common.persistence;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code doc_failure}: a document that failed for good, and why. The workers and the dispatcher's lease write them;
 * the dispatcher lists them, and deletes them to retry.
 */
@Entity
@Table(name = "doc_failure")
public class DocFailure {

    @Id
    @Column(name = "doc_id")
    public String docId;

    @Column(name = "source_id")
    public Long sourceId;

    public String cause;

    public String message;

    public int attempts;

    @Column(name = "first_failed_at")
    public LocalDateTime firstFailedAt;

    @Column(name = "last_failed_at")
    public LocalDateTime lastFailedAt;
}
