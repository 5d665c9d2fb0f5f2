package io.docmap.dispatcher.persistence.pages;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.docmap.common.kafka.PageMessage;

/** A row of {@code dispatch_page}; its source ids are in {@code dispatch_run}. */
@Entity
@Table(name = "dispatch_page")
public class DispatchPage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "page_id")
    public Long pageId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR) // the column is a VARCHAR (V1__schema.sql), not MariaDB's ENUM
    public PageOrigin origin;

    @Column(name = "first_source_id")
    public long firstSourceId;

    @Column(name = "last_source_id")
    public long lastSourceId;

    @Column(name = "doc_count")
    public int docCount;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR) // the column is a VARCHAR (V1__schema.sql), not MariaDB's ENUM
    public PageState state;

    @Column(name = "send_count")
    public int sendCount;

    @Column(name = "recorded_at")
    public LocalDateTime recordedAt;

    @Column(name = "sent_at")
    public LocalDateTime sentAt;

    @Column(name = "done_at")
    public LocalDateTime doneAt;

    /** The partition of the latest send's record; null for a page sent before docmap recorded it. */
    @Column(name = "sent_partition")
    public Integer sentPartition;

    /** The offset of the latest send's record. */
    @Column(name = "sent_offset")
    public Long sentOffset;

    /** The trace of the latest send; null while tracing is off, and for a page sent before docmap recorded it. */
    @Column(name = "trace_id")
    public String traceId;

    /** The re-map whose page this is; null for the pages of the run. */
    @Column(name = "remap_id")
    public Long remapId;

    /** On a re-map's page, the instant before which a result is mapped again: when the re-map was asked. */
    @Column(name = "remap_before")
    public LocalDateTime remapBefore;

    /** On a re-map's page, what its results named before it, until the entity counts take in its change. */
    @Column(name = "remap_names")
    public String remapNames;

    /** Sends made because Kafka lost the page's record: no worker's fault, so not counted against max-sends. */
    @Column(name = "lost_sends")
    public int lostSends;

    /** The page's message for the page topic, with its ids. */
    public PageMessage message(List<Long> ids) {
        return remapBefore == null
                ? PageMessage.of(pageId, ids)
                : PageMessage.remap(pageId, ids, remapBefore.toInstant(ZoneOffset.UTC));
    }

    /** Sends that workers left unfinished, or may yet finish: every send but those of records Kafka lost. */
    public int sendsCounted() {
        return sendCount - lostSends;
    }
}
