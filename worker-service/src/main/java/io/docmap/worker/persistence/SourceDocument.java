package io.docmap.worker.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.common.ProjectedFieldName;
import org.hibernate.annotations.Immutable;

/** A row of {@code source_data}; the worker only reads it. */
@Entity
@Immutable
@Table(name = "source_data")
public class SourceDocument {

    @Id
    public Long id;

    /** The document's id towards the mapper and in the result tables. */
    public String mid;

    public String content;

    public SourceDocument() {}

    public SourceDocument(@ProjectedFieldName("id") Long id, @ProjectedFieldName("mid") String mid, String content) {
        this.id = id;
        this.mid = mid;
        this.content = content;
    }
}
