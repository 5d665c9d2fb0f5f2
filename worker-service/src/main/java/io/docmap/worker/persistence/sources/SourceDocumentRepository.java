package io.docmap.worker.persistence.sources;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import io.docmap.common.DocumentKey;
import io.docmap.common.persistence.Placeholders;
import io.docmap.worker.model.SourceDocument;

/**
 * A page's reads of {@code source_data}, in SQL on the pool. Not HQL: Hibernate caches no plan for a query with a list
 * parameter, so it translated both reads anew for every page, on the event loop (2 s for a first page on a loaded
 * machine). Each read is one autocommitted statement, prepared once per length of its id list.
 */
@ApplicationScoped
public class SourceDocumentRepository {

    private static final String IDS = ":ids";

    private final Pool pool;
    private final String withoutOutcome;
    private final String owedToRemap;

    /**
     * The page query joins on the document key, not on {@code mid}, so that a row with an unusable mid finds its own
     * failure and never a result stored for another row; its key depends on the schema's doc_id width. Anti-joins, not
     * NOT EXISTS: MariaDB may materialize such a subquery, reading the whole table for every page.
     */
    public SourceDocumentRepository(Pool pool, DocumentKey key) {
        this.pool = pool;
        String document = key.sql("s");
        String owed = "SELECT s.id, s.mid, COALESCE(OCTET_LENGTH(s.content), 0) FROM source_data s"
                + " LEFT JOIN doc_ent_map m ON m.doc_id = " + document
                + " LEFT JOIN doc_failure f ON f.doc_id = " + document
                + " WHERE s.id IN (" + IDS + ") AND ";
        this.withoutOutcome = owed + "m.id IS NULL AND f.doc_id IS NULL ORDER BY s.id";
        this.owedToRemap = owed + "((m.id IS NULL AND f.doc_id IS NULL) OR m.create_time < ?) ORDER BY s.id";
    }

    /**
     * The page's rows that have no outcome yet, with their texts' lengths but not the texts, in one query: a
     * redelivered page skips what is already stored or failed, so the mapper is never called twice for a document.
     */
    public Uni<List<SourceDocument>> findWithoutOutcome(List<Long> ids) {
        return read(withoutOutcome, ids, List.of(), SourceDocumentRepository::withoutText);
    }

    /**
     * For a re-map's page, the rows whose result was stored before {@code before}, and those without an outcome: a
     * redelivered page skips what it replaced already.
     */
    public Uni<List<SourceDocument>> findOwedToRemap(List<Long> ids, Instant before) {
        return read(
                owedToRemap,
                ids,
                List.of(LocalDateTime.ofInstant(before, ZoneOffset.UTC)),
                SourceDocumentRepository::withoutText);
    }

    /**
     * The rows with their texts, in id order. The text is read as binary: the client decodes a text column to a
     * String, and the worker only passes the UTF-8 bytes on to the mapper.
     */
    public Uni<List<SourceDocument>> withTexts(List<Long> ids) {
        return read(
                "SELECT s.id, s.mid, CAST(s.content AS BINARY) FROM source_data s WHERE s.id IN (" + IDS
                        + ") ORDER BY s.id",
                ids,
                List.of(),
                row -> new SourceDocument(row.getLong(0), row.getString(1), bytes(row)));
    }

    /** Runs {@code sql} with {@code ids} in place of {@value #IDS}, then the other parameters. */
    private Uni<List<SourceDocument>> read(
            String sql, List<Long> ids, List<Object> others, Function<Row, SourceDocument> reader) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Object> parameters = new ArrayList<>(ids.size() + others.size());
        parameters.addAll(ids);
        parameters.addAll(others);
        return pool.preparedQuery(sql.replace(IDS, Placeholders.of(ids.size())))
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<SourceDocument> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(reader.apply(row)));
                    return documents;
                });
    }

    private static SourceDocument withoutText(Row row) {
        return new SourceDocument(row.getLong(0), row.getString(1), row.getLong(2));
    }

    private static byte[] bytes(Row row) {
        var content = row.getBuffer(2);
        return content == null ? null : content.getBytes();
    }
}
