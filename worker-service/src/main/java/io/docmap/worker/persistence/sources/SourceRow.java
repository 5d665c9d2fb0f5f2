package io.docmap.worker.persistence.sources;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code source_data}; the worker only reads it, and its queries select it as a
 * {@link io.docmap.worker.model.SourceDocument}.
 */
@Entity
@Immutable
@Table(name = "source_data")
public class SourceRow {

    @Id
    public Long id;

    public String mid;

    /**
     * The text as the UTF-8 bytes the column holds: the reactive client decodes a text column to a String, and a binary
     * one it leaves as bytes.
     */
    @Formula("cast(content as binary)")
    public byte[] content;

    /** The text's length in bytes, which the database gives without sending the text. */
    @Formula("coalesce(octet_length(content), 0)")
    public long contentBytes;
}
