package io.docmap.dispatcher.persistence.pages;

/** How a page's rows were found. */
public enum PageOrigin {
    /** The keyset scan ahead of the cursor; sending it advances the cursor. */
    SCAN,
    /** The sweep behind the cursor, for rows that committed after the cursor passed their id. */
    SWEEP
}
