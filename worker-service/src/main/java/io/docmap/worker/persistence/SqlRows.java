package io.docmap.worker.persistence;

import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Multi-row statements: one {@code INSERT … VALUES (…), (…), …} per chunk of rows instead of a statement per row,
 * which is what makes a page one round trip per chunk.
 */
final class SqlRows {

    /** Rows per statement; keeps one statement well under max_allowed_packet for result rows. */
    static final int CHUNK = 250;

    private SqlRows() {}

    /**
     * Runs {@code head VALUES (?, …), … tail} for each chunk of rows, in order, in the caller's session.
     *
     * @param columns the parameters of one row, in placeholder order
     */
    static <T> Uni<Integer> insert(
            Mutiny.Session session, String head, String tail, List<T> rows, Function<T, List<Object>> columns) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom()
                .iterable(chunks(rows))
                .onItem()
                .transformToUniAndConcatenate(
                        chunk -> statement(session, head, tail, chunk, columns).executeUpdate())
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    private static <T> Mutiny.MutationQuery statement(
            Mutiny.Session session, String head, String tail, List<T> chunk, Function<T, List<Object>> columns) {
        int width = columns.apply(chunk.get(0)).size();
        String tuple = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        String sql = head + " VALUES " + String.join(", ", Collections.nCopies(chunk.size(), tuple)) + " " + tail;
        Mutiny.MutationQuery query = session.createNativeQuery(sql);
        int position = 1;
        for (T row : chunk) {
            for (Object value : columns.apply(row)) {
                query.setParameter(position++, value);
            }
        }
        return query;
    }

    private static <T> List<List<T>> chunks(List<T> rows) {
        return IntStream.range(0, (rows.size() + CHUNK - 1) / CHUNK)
                .mapToObj(i -> rows.subList(i * CHUNK, Math.min(rows.size(), (i + 1) * CHUNK)))
                .toList();
    }
}
