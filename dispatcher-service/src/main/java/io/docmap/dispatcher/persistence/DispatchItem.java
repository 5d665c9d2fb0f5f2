package io.docmap.dispatcher.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code dispatch_item}: a source row and the page that holds it. Its key makes a second dispatch impossible. */
@Entity
@Table(name = "dispatch_item")
public class DispatchItem {

    @Id
    @Column(name = "source_id")
    public long sourceId;

    @Column(name = "page_id")
    public long pageId;
}
