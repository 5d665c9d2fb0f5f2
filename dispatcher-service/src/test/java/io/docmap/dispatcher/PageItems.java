package io.docmap.dispatcher;

/** The pages' source ids, one row each, for tests that ask which page holds an id. */
final class PageItems {

    /**
     * A derived table of {@code (page_id, source_id)}, aliased {@code i}, from the pages' runs: what {@code
     * dispatch_item} held before the runs replaced it.
     */
    static final String TABLE = "(SELECT r.page_id, s.id AS source_id FROM dispatch_run r"
            + " JOIN source_data s ON s.id BETWEEN r.first_id AND r.last_id) i";

    private PageItems() {}
}
