package io.docmap.worker.persistence.outcomes;

/** How a result's two lists are written into doc_ent_map's text columns: {@code docmap.store.list-format}. */
public enum ListFormat {
    /** JSON arrays of strings: any name, commas included. The default. */
    JSON,
    /**
     * The old pipeline's names joined by commas, for downstream readers that still split on them. A list it cannot
     * represent, a name holding a comma or a first name starting with {@code [}, is written as JSON instead, which
     * starts with {@code [}: a reader tells the two apart by that first character.
     */
    COMMA
}
