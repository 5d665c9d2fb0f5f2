package io.docmap.dispatcher.persistence.pages;

import java.io.Serializable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.docmap.dispatcher.persistence.scan.IdRange;

/** A row of {@code dispatch_run}: consecutive source ids that a page holds. */
@Entity
@Table(name = "dispatch_run")
@IdClass(DispatchRun.Key.class)
public class DispatchRun {

    @Id
    @Column(name = "page_id")
    public long pageId;

    @Id
    @Column(name = "first_id")
    public long firstId;

    @Column(name = "last_id")
    public long lastId;

    public IdRange range() {
        return new IdRange(firstId, lastId);
    }

    /** The primary key: a page's runs never overlap, so each starts at an id of its own. */
    public record Key(long pageId, long firstId) implements Serializable {}
}
