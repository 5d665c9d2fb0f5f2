package io.docmap.worker.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import io.docmap.common.DocumentKey;

/**
 * What the worker needs to know of the tables it writes, read once the schema has docmap's version.
 *
 * @param documentKey which document a source row belongs to, given the width of the {@code doc_id} columns
 * @param listsChecked whether {@code doc_ent_map} has CHECK constraints, as docmap's own schema checks its lists
 * @param listCapacity the bytes the narrower of {@code doc_ent_map}'s two list columns holds
 */
public record SchemaFacts(DocumentKey documentKey, boolean listsChecked, long listCapacity) {

    /**
     * The three facts in one statement, each a scalar subquery: the narrower {@code doc_id} width
     * ({@link DocumentKey#MAX_LENGTH_SQL}), doc_ent_map's CHECK constraints, found the same way on MariaDB and MySQL,
     * and the bytes the narrower of its two list columns holds.
     */
    static final String FACTS = "SELECT (" + DocumentKey.MAX_LENGTH_SQL + "),"
            + """
            (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
              AND TABLE_NAME = 'doc_ent_map' AND CONSTRAINT_TYPE = 'CHECK'),
            (SELECT MIN(CHARACTER_OCTET_LENGTH) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
              AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME IN ('ent_list_str', 'mapped_list_str'))""";

    public static Uni<SchemaFacts> read(Pool database) {
        return database.query(FACTS).execute().map(rows -> {
            Row row = rows.iterator().next();
            Integer width = row.getInteger(0);
            if (width == null) {
                throw new IllegalStateException("the schema has no doc_id column in doc_ent_map or doc_failure");
            }
            Long capacity = row.getLong(2);
            return new SchemaFacts(
                    new DocumentKey(width), row.getLong(1) > 0, capacity == null ? Long.MAX_VALUE : capacity);
        });
    }
}
