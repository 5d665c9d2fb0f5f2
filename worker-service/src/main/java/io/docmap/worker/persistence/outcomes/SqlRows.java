package io.docmap.worker.persistence.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.persistence.Placeholders;
import io.docmap.common.persistence.ResultUpsert;
import io.docmap.worker.persistence.schema.SchemaFacts;

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
                + (" UNION ALL SELECT " + Placeholders.of(width)).repeat(rows - 1)
                + ") v WHERE " + condition + " " + tail;
    }

    /** {@code head (?, ?, …)}: a statement on a list of values, such as {@code DELETE … WHERE key IN}. */
    static Template inList(String head) {
        return (rows, width) -> head + " (" + Placeholders.of(rows * width) + ")";
    }

    /**
     * Runs the template's statement for each chunk of rows, in order, in the caller's session. A chunk holds at most
     * {@link #CHUNK} rows, and values of at most {@code maxBytes}: a statement over the server's max_allowed_packet
     * would fail, and so would its page, again and again.
     *
     * @param columns the parameters of one row, in placeholder order
     * @param maxBytes the most the values of one statement may take ({@link SchemaFacts#statementBytes()}); a row
     *     over it alone is a statement of its own
     */
    static <T> Uni<Integer> execute(
            Mutiny.Session session, Template template, List<T> rows, Function<T, List<Object>> columns, long maxBytes) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom()
                .iterable(chunks(
                        rows,
                        row -> columns.apply(row).stream()
                                .mapToLong(SqlRows::bytesAtMost)
                                .sum(),
                        maxBytes))
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

    /** Consecutive chunks of at most {@link #CHUNK} rows whose bytes add up to at most {@code maxBytes}. */
    static <T> List<List<T>> chunks(List<T> rows, ToLongFunction<T> bytes, long maxBytes) {
        List<List<T>> chunks = new ArrayList<>();
        int from = 0;
        long taken = 0;
        for (int i = 0; i < rows.size(); i++) {
            long row = bytes.applyAsLong(rows.get(i));
            if (i > from && (i - from == CHUNK || taken + row > maxBytes)) {
                chunks.add(rows.subList(from, i));
                from = i;
                taken = 0;
            }
            taken += row;
        }
        chunks.add(rows.subList(from, rows.size()));
        return chunks;
    }

    /**
     * The most a value takes on the wire: a char at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2), so no text is
     * encoded to tell.
     */
    static long bytesAtMost(Object value) {
        return value instanceof String text ? 3L * text.length() : value instanceof byte[] raw ? raw.length : 16;
    }
}
