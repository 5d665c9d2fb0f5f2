package io.docmap.dispatcher.persistence.pages;

/** How a page's rows were found. */
public enum PageOrigin {
    /** The keyset scan ahead of the cursor; sending it advances the cursor. */
    SCAN,
    /** The sweep behind the cursor, for rows that committed after the cursor passed their id. */
    SWEEP,
    /** A re-map's scan over its selection: documents with a result, mapped again ({@code dispatch_page.remap_id}). */
    REMAP
}
