package io.docmap.worker.persistence.outcomes;

import java.util.Arrays;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

import io.docmap.common.persistence.ResultUpsert;
import io.docmap.worker.persistence.schema.Schema;

@ApplicationScoped
public class DocEntMapRepository implements PanacheRepository<DocEntMap> {

    private final Schema schema;

    public DocEntMapRepository(Schema schema) {
        this.schema = schema;
    }

    /**
     * Inserts or replaces results by {@code doc_id}, the table's only unique key besides the primary key, in
     * multi-row statements. A document stored twice (a redelivered page racing its first delivery) stays one row.
     */
    public Uni<Integer> upsertAll(List<DocEntMap> rows) {
        return getSession()
                .chain(session -> SqlRows.execute(
                        session,
                        (count, width) -> ResultUpsert.sql(count),
                        rows,
                        row -> Arrays.asList(
                                row.docId, row.entListStr, row.mappedListStr, row.createTime, row.mapperVersion),
                        schema.facts().statementBytes()));
    }
}
