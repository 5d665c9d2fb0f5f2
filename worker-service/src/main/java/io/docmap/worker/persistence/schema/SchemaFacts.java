package io.docmap.worker.persistence.schema;

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
 * @param maxAllowedPacket the server's {@code max_allowed_packet}: the most one statement with its values may take
 */
public record SchemaFacts(DocumentKey documentKey, boolean listsChecked, long listCapacity, long maxAllowedPacket) {

    /** Room in a packet for a statement's text and the protocol's headers, besides its values. */
    static final long STATEMENT_ROOM = 64 * 1024;

    /** The bytes the values of one statement may take, so that it stays under max_allowed_packet. */
    public long statementBytes() {
        return maxAllowedPacket - STATEMENT_ROOM;
    }

    /**
     * The four facts in one statement, each a scalar subquery: the narrower {@code doc_id} width
     * ({@link DocumentKey#MAX_LENGTH_SQL}), doc_ent_map's CHECK constraints, found the same way on MariaDB and MySQL,
     * the bytes the narrower of its two list columns holds, and the server's max_allowed_packet (global: a session
     * cannot raise it).
     */
    static final String FACTS = "SELECT (" + DocumentKey.MAX_LENGTH_SQL + "),"
            + """
            (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
              AND TABLE_NAME = 'doc_ent_map' AND CONSTRAINT_TYPE = 'CHECK'),
            (SELECT MIN(CHARACTER_OCTET_LENGTH) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
              AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME IN ('ent_list_str', 'mapped_list_str')),
            @@global.max_allowed_packet""";

    public static Uni<SchemaFacts> read(Pool database) {
        return database.query(FACTS).execute().map(rows -> {
            Row row = rows.iterator().next();
            Integer width = row.getInteger(0);
            if (width == null) {
                throw new IllegalStateException("the schema has no doc_id column in doc_ent_map or doc_failure");
            }
            Long capacity = row.getLong(2);
            return new SchemaFacts(
                    new DocumentKey(width),
                    row.getLong(1) > 0,
                    capacity == null ? Long.MAX_VALUE : capacity,
                    row.getLong(3));
        });
    }
}
