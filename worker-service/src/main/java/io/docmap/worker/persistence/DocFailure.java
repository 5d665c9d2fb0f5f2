package io.docmap.worker.persistence;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code doc_failure}: a document the mapper permanently failed, and why. */
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
