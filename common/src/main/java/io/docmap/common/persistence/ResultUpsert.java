package io.docmap.common.persistence;

import java.util.Collections;

/**
 * The statement that stores results in {@code doc_ent_map}: many rows at once, each inserted or, by its unique
 * {@code doc_id}, replaced whole, time included, so that a document stored twice stays one row and a re-mapped one
 * says when its result changed. The worker stores with it, and the
 * benchmark's in-process limit too, so that both pay for the same statement.
 */
public final class ResultUpsert {

    /** Rows per statement; keeps one statement well under max_allowed_packet for result rows. */
    public static final int ROWS_PER_STATEMENT = 250;

    private ResultUpsert() {}

    /**
     * The statement for {@code rows} rows of five parameters each: doc_id, ent_list_str, mapped_list_str, create_time,
     * mapper_version (null when the mapper named none).
     */
    public static String sql(int rows) {
        return "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time, mapper_version) VALUES "
                + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?)"))
                + " ON DUPLICATE KEY UPDATE ent_list_str = VALUES(ent_list_str),"
                + " mapped_list_str = VALUES(mapped_list_str), create_time = VALUES(create_time),"
                + " mapper_version = VALUES(mapper_version)";
    }
}
