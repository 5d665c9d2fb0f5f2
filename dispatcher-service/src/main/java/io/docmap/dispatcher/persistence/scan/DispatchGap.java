package io.docmap.dispatcher.persistence.scan;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code dispatch_gap}: a range of ids the scan passed over, which the sweep still looks at. */
@Entity
@Table(name = "dispatch_gap")
public class DispatchGap {

    @Id
    @Column(name = "first_id")
    public long firstId;

    @Column(name = "last_id")
    public long lastId;

    @Column(name = "found_at")
    public LocalDateTime foundAt;
}
