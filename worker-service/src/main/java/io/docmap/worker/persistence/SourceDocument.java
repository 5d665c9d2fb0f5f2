package io.docmap.worker.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code source_data}; the worker only reads it. The query is named so that Hibernate parses and checks it
 * at start-up: a mistake stops the deployment instead of failing the first page, and the first page does not wait
 * for the parse.
 */
@Entity
@Immutable
@Table(name = "source_data")
@NamedQuery(name = SourceDocument.WITHOUT_OUTCOME, query = SourceDocument.WITHOUT_OUTCOME_HQL)
public class SourceDocument {

    static final String WITHOUT_OUTCOME = "SourceDocument.withoutOutcome";

    /**
     * The given documents that have no outcome yet. Anti-joins, not NOT EXISTS: MariaDB may materialize such a
     * subquery, reading the whole table for every page.
     */
    static final String WITHOUT_OUTCOME_HQL =
            """
            select s from SourceDocument s
            left join DocEntMap m on m.docId = s.mid
            left join DocFailure f on f.docId = s.mid
            where s.id in :ids and m.id is null and f.docId is null
            order by s.id""";

    @Id
    public Long id;

    /** The document's id towards the mapper and in the result tables. */
    public String mid;

    /**
     * The text as the UTF-8 bytes the column holds. The worker only passes it on to the mapper, so it is never
     * decoded: the reactive client decodes a text column to a String, and a binary one it leaves as bytes.
     */
    @Formula("cast(content as binary)")
    public byte[] content;

    public SourceDocument() {}

    public SourceDocument(Long id, String mid, byte[] content) {
        this.id = id;
        this.mid = mid;
        this.content = content;
    }
}
