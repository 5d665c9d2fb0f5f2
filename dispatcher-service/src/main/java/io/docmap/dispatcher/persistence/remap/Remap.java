package io.docmap.dispatcher.persistence.remap;

import java.time.LocalDateTime;
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

/** A row of {@code remap} (V12__remap_and_entities.sql): a selection of documents handed back to the pipeline. */
@Entity
@Table(name = "remap")
public class Remap {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "remap_id")
    public Long remapId;

    /** The selection as asked, with the mapper versions it resolved to, as JSON ({@link RemapSelection}). */
    public String selection;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    public RemapState state;

    @Column(name = "requested_by")
    public String requestedBy;

    /** Results stored before it are mapped again; those stored since are the re-map's. */
    @Column(name = "requested_at")
    public LocalDateTime requestedAt;

    /** Source rows the selection held when it was asked. */
    public long selected;

    /** The source id the re-map's scan has reached; it goes on from the next one. */
    @Column(name = "cursor_id")
    public long cursorId;

    /** The last source id of the selection, when it was asked. */
    @Column(name = "last_id")
    public long lastId;

    /** The newest result when it was asked: it starts once the entity counts have taken in every result up to it. */
    @Column(name = "last_result_id")
    public long lastResultId;

    @Column(name = "ended_at")
    public LocalDateTime endedAt;

    /** Whether the scan has passed the whole selection: what is left are its pages in flight. */
    public boolean scanned() {
        return cursorId >= lastId;
    }
}
