package io.docmap.dispatcher.persistence.documents;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.DocumentKey;
import io.docmap.dispatcher.DispatcherConfig;

/** Looks one document up by its {@code doc_id}: each read an index lookup. */
@ApplicationScoped
public class DocumentLookup {

    /** The most of a result's lists shown: a VARCHAR in utf8mb4 (a longer cast reads as a CLOB proxy). */
    private static final int RESULT_CHARS = 8_000;

    private final DocumentKey key;
    private final int pageSize;

    public DocumentLookup(DocumentKey key, DispatcherConfig config) {
        this.key = key;
        this.pageSize = config.pageSize();
    }

    /** Empty when no source row, result or failure has this {@code doc_id}. */
    public Uni<Optional<DocumentView>> find(String docId) {
        return Panache.getSession().chain(session -> rows(session, docId).chain(rows -> result(session, docId)
                .chain(result -> failure(session, docId).chain(failure -> pages(session, rows)
                        .map(pages -> rows.isEmpty() && result == null && failure == null
                                ? Optional.<DocumentView>empty()
                                : Optional.of(new DocumentView(
                                        docId,
                                        result != null ? "stored" : failure != null ? "failed" : "pending",
                                        rows,
                                        result,
                                        failure,
                                        pages)))))));
    }

    /**
     * The rows keyed by it: those whose usable mid it is, or the one row a source-row key names.
     *
     * <p>Native: source_data, read as the document key's rules read it, has no entity here.
     */
    private Uni<List<DocumentView.Row>> rows(Mutiny.Session session, String docId) {
        String select = "SELECT s.id, s.mid, s.created, CHAR_LENGTH(s.content) FROM source_data s WHERE ";
        Mutiny.SelectionQuery<Object[]> query;
        if (docId.startsWith(DocumentKey.SOURCE_KEY_PREFIX)) {
            long id;
            try {
                id = Long.parseLong(docId.substring(DocumentKey.SOURCE_KEY_PREFIX.length()));
            } catch (NumberFormatException e) {
                return Uni.createFrom().item(List.of());
            }
            query = session.createNativeQuery(select + "s.id = ?1", Object[].class)
                    .setParameter(1, id);
        } else if (key.unusableReason(docId) != null) {
            return Uni.createFrom().item(List.of());
        } else {
            query = session.createNativeQuery(select + "s.mid = ?1 ORDER BY s.id", Object[].class)
                    .setParameter(1, docId);
        }
        return query.setMaxResults(100).getResultList().map(found -> found.stream()
                .map(r -> new DocumentView.Row(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        r[3] == null ? null : ((Number) r[3]).longValue()))
                .filter(row -> docId.equals(key.of(row.sourceId(), row.mid())))
                .toList());
    }

    /** Native: doc_ent_map is the workers' table. */
    private static Uni<DocumentView.Result> result(Mutiny.Session session, String docId) {
        return session.createNativeQuery(
                        // As text of a bounded type: a LONGTEXT column reads as a CLOB proxy.
                        "SELECT CAST(ent_list_str AS CHAR(" + RESULT_CHARS + ")), CAST(mapped_list_str AS CHAR("
                                + RESULT_CHARS + ")), create_time, mapper_version FROM doc_ent_map WHERE doc_id = ?1"
                                + " ORDER BY create_time DESC",
                        Object[].class)
                .setParameter(1, docId)
                .setMaxResults(1)
                .getResultList()
                .map(found -> found.isEmpty()
                        ? null
                        : new DocumentView.Result(
                                (String) found.get(0)[0],
                                (String) found.get(0)[1],
                                (LocalDateTime) found.get(0)[2],
                                (String) found.get(0)[3]));
    }

    /** Native: one read of doc_failure's key, its columns as they are. */
    private static Uni<DocumentView.Failure> failure(Mutiny.Session session, String docId) {
        return session.createNativeQuery(
                        "SELECT cause, message, attempts, first_failed_at, last_failed_at FROM doc_failure"
                                + " WHERE doc_id = ?1",
                        Object[].class)
                .setParameter(1, docId)
                .getResultList()
                .map(found -> found.isEmpty()
                        ? null
                        : new DocumentView.Failure(
                                (String) found.get(0)[0],
                                (String) found.get(0)[1],
                                ((Number) found.get(0)[2]).intValue(),
                                (LocalDateTime) found.get(0)[3],
                                (LocalDateTime) found.get(0)[4]));
    }

    /**
     * The pages that carried each row: by their runs, a run being at most a page long (pages recorded with a larger
     * page size than today's may be missed), and by dispatch_item for pages recorded before the runs.
     *
     * <p>Native: a UNION with dispatch_item, which has no entity.
     */
    private Uni<List<DocumentView.Carrier>> pages(Mutiny.Session session, List<DocumentView.Row> rows) {
        Uni<List<DocumentView.Carrier>> all = Uni.createFrom().item(new ArrayList<>());
        for (DocumentView.Row row : rows) {
            all = all.call(carriers -> session.createNativeQuery(
                            """
                                    SELECT p.page_id, p.origin, p.state, p.send_count, p.recorded_at, p.done_at,
                                           a.worker, a.attempts, a.last_error, p.trace_id
                                    FROM dispatch_page p LEFT JOIN page_attempt a ON a.page_id = p.page_id
                                    WHERE p.page_id IN (
                                        SELECT r.page_id FROM dispatch_run r
                                        WHERE r.first_id BETWEEN ?1 AND ?2 AND r.last_id >= ?2
                                        UNION SELECT i.page_id FROM dispatch_item i WHERE i.source_id = ?2)
                                    ORDER BY p.page_id""",
                            Object[].class)
                    .setParameter(1, row.sourceId() - pageSize)
                    .setParameter(2, row.sourceId())
                    .getResultList()
                    .invoke(found -> found.forEach(p -> carriers.add(new DocumentView.Carrier(
                            ((Number) p[0]).longValue(),
                            row.sourceId(),
                            (String) p[1],
                            (String) p[2],
                            ((Number) p[3]).intValue(),
                            (LocalDateTime) p[4],
                            (LocalDateTime) p[5],
                            (String) p[6],
                            p[7] == null ? null : ((Number) p[7]).intValue(),
                            (String) p[8],
                            (String) p[9],
                            null)))));
        }
        return all.map(List::copyOf);
    }
}
