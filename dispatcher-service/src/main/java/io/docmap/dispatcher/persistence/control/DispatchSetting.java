package io.docmap.dispatcher.persistence.control;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code dispatch_control}: an operator's switch, kept so that it survives restarts. */
@Entity
@Table(name = "dispatch_control")
public class DispatchSetting {

    @Id
    public String name;

    public boolean paused;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public LocalDateTime changedAt;
}
