package io.docmap.worker.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DocEntMapRepository implements PanacheRepository<DocEntMap> {

    /**
     * Inserts or replaces results by {@code doc_id}, the table's only unique key besides the primary key, in
     * multi-row statements. A document stored twice (a redelivered page racing its first delivery) stays one row.
     */
    public Uni<Integer> upsertAll(List<DocEntMap> rows) {
        return getSession()
                .chain(session -> SqlRows.insert(
                        session,
                        SqlRows.values(
                                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time)",
                                "ON DUPLICATE KEY UPDATE ent_list_str = VALUES(ent_list_str),"
                                        + " mapped_list_str = VALUES(mapped_list_str)"),
                        rows,
                        row -> List.of(row.docId, row.entListStr, row.mappedListStr, row.createTime)));
    }
}
