package io.docmap.worker.model;

/**
 * A row of {@code source_data} as the worker's stages see it.
 *
 * @param id the source row's id
 * @param mid the document's id towards the mapper and in the result tables, when it is usable; a row with an unusable
 *     one is a document of its own ({@link io.docmap.common.DocumentKey})
 * @param content the text as the UTF-8 bytes the column holds, or null before it is loaded: the worker only passes it
 *     on to the mapper, so it is never decoded
 * @param contentBytes the text's length in bytes, known before the text is loaded
 */
public record SourceDocument(long id, String mid, byte[] content, long contentBytes) {

    /** A row without its text: what the worker knows of it before it decides to load the text. */
    public SourceDocument(long id, String mid, long contentBytes) {
        this(id, mid, null, contentBytes);
    }

    public SourceDocument(long id, String mid, byte[] content) {
        this(id, mid, content, content == null ? 0 : content.length);
    }

    /** This row without its text. */
    public SourceDocument withoutText() {
        return new SourceDocument(id, mid, contentBytes);
    }
}
