package io.docmap.dispatcher.persistence;

import java.util.Collections;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.docmap.common.persistence.Placeholders;

/** A multi-row INSERT: one statement for all the rows, in the caller's transaction. */
public final class ValuesInsert {

    private ValuesInsert() {}

    /**
     * Inserts the rows, each the values of {@code columns} in order, and ends the statement with {@code suffix} (an ON
     * DUPLICATE KEY clause, or nothing). No rows, no statement.
     *
     * <p>Native: a VALUES list of as many rows as given, which HQL's insert cannot write.
     *
     * @param into the table and its columns, as {@code table (a, b, c)}
     */
    public static Uni<Integer> rows(String into, int columns, List<Object[]> rows, String suffix) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String row = "(" + Placeholders.of(columns) + ")";
        String values = String.join(", ", Collections.nCopies(rows.size(), row));
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery("INSERT INTO " + into + " VALUES " + values + suffix);
            int position = 1;
            for (Object[] each : rows) {
                for (Object value : each) {
                    insert.setParameter(position++, value);
                }
            }
            return insert.executeUpdate();
        });
    }
}
