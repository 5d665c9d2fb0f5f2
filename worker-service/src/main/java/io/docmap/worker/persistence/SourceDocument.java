package io.docmap.worker.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/** A row of {@code source_data}; the worker only reads it. */
@Entity
@Immutable
@Table(name = "source_data")
public class SourceDocument {

    @Id
    public Long id;

    /**
     * The document's id towards the mapper and in the result tables, when it is usable; a row with an unusable one is
     * a document of its own ({@link io.docmap.common.DocumentKey}).
     */
    public String mid;

    /**
     * The text as the UTF-8 bytes the column holds. The worker only passes it on to the mapper, so it is never
     * decoded: the reactive client decodes a text column to a String, and a binary one it leaves as bytes.
     */
    @Formula("cast(content as binary)")
    public byte[] content;

    /** The text's length in bytes, which the database gives without sending the text. */
    @Formula("coalesce(octet_length(content), 0)")
    public long contentBytes;

    public SourceDocument() {}

    /** A row without its text: what the worker knows of it before it decides to load the text. */
    public SourceDocument(Long id, String mid, long contentBytes) {
        this.id = id;
        this.mid = mid;
        this.contentBytes = contentBytes;
    }

    /** This row without its text. */
    public SourceDocument withoutText() {
        return new SourceDocument(id, mid, contentBytes);
    }

    public SourceDocument(Long id, String mid, byte[] content) {
        this.id = id;
        this.mid = mid;
        this.content = content;
        this.contentBytes = content == null ? 0 : content.length;
    }
}
