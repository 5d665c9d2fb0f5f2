package io.docmap.dispatcher.persistence.scan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code dispatch_cursor}: the highest source id that a scanned page holds. */
@Entity
@Table(name = "dispatch_cursor")
public class DispatchCursor {

    @Id
    public String name;

    @Column(name = "last_source_id")
    public long lastSourceId;
}
