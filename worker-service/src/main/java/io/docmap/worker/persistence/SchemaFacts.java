package io.docmap.worker.persistence;

import java.util.function.Function;

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

    /** The CHECK constraints of doc_ent_map, found the same way on MariaDB and MySQL. */
    static final String CHECKS =
            """
            SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
            AND TABLE_NAME = 'doc_ent_map' AND CONSTRAINT_TYPE = 'CHECK'""";

    /** The bytes the narrower of doc_ent_map's two list columns holds. */
    static final String CAPACITY =
            """
            SELECT MIN(CHARACTER_OCTET_LENGTH) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
            AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME IN ('ent_list_str', 'mapped_list_str')""";

    public static Uni<SchemaFacts> read(Pool database) {
        return value(database, DocumentKey.MAX_LENGTH_SQL, row -> {
                    Integer width = row.getInteger(0);
                    if (width == null) {
                        throw new IllegalStateException(
                                "the schema has no doc_id column in doc_ent_map or doc_failure");
                    }
                    return new DocumentKey(width);
                })
                .chain(key -> value(database, CHECKS, row -> row.getLong(0) > 0).chain(checked -> value(
                                database, CAPACITY, row -> row.getLong(0))
                        .map(capacity -> new SchemaFacts(key, checked, capacity == null ? Long.MAX_VALUE : capacity))));
    }

    private static <T> Uni<T> value(Pool database, String sql, Function<Row, T> read) {
        return database.query(sql)
                .execute()
                .map(rows -> read.apply(rows.iterator().next()));
    }
}
