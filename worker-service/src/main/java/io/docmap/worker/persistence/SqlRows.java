package io.docmap.worker.persistence;

import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.persistence.ResultUpsert;

/**
 * Multi-row statements: one statement per chunk of rows instead of a statement per row, which is what makes a page
 * one round trip per chunk.
 */
final class SqlRows {

    /** Rows per statement, as many as the result upsert's ({@link ResultUpsert}). */
    static final int CHUNK = ResultUpsert.ROWS_PER_STATEMENT;

    /** The SQL of one statement for a chunk of {@code rows} rows of {@code width} parameters each. */
    @FunctionalInterface
    interface Template {
        String sql(int rows, int width);
    }

    private SqlRows() {}

    /**
     * {@code head SELECT * FROM (rows as a table v with the given column names) v WHERE condition tail}: an insert of
     * only the rows that meet a condition on other tables, decided in the statement itself.
     */
    static Template valuesWhere(String head, List<String> names, String condition, String tail) {
        String first = "SELECT " + names.stream().map(name -> "? AS " + name).collect(Collectors.joining(", "));
        return (rows, width) -> head + " SELECT * FROM (" + first
                + (" UNION ALL SELECT " + placeholders(width)).repeat(rows - 1)
                + ") v WHERE " + condition + " " + tail;
    }

    /**
     * Runs the template's statement for each chunk of rows, in order, in the caller's session.
     *
     * @param columns the parameters of one row, in placeholder order
     */
    static <T> Uni<Integer> insert(
            Mutiny.Session session, Template template, List<T> rows, Function<T, List<Object>> columns) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom()
                .iterable(chunks(rows))
                .onItem()
                .transformToUniAndConcatenate(
                        chunk -> statement(session, template, chunk, columns).executeUpdate())
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    private static <T> Mutiny.MutationQuery statement(
            Mutiny.Session session, Template template, List<T> chunk, Function<T, List<Object>> columns) {
        int width = columns.apply(chunk.get(0)).size();
        Mutiny.MutationQuery query = session.createNativeQuery(template.sql(chunk.size(), width));
        int position = 1;
        for (T row : chunk) {
            for (Object value : columns.apply(row)) {
                query.setParameter(position++, value);
            }
        }
        return query;
    }

    private static String placeholders(int width) {
        return String.join(", ", Collections.nCopies(width, "?"));
    }

    private static <T> List<List<T>> chunks(List<T> rows) {
        return IntStream.range(0, (rows.size() + CHUNK - 1) / CHUNK)
                .mapToObj(i -> rows.subList(i * CHUNK, Math.min(rows.size(), (i + 1) * CHUNK)))
                .toList();
    }
}
