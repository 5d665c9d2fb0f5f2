package io.docmap.worker.persistence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.docmap.common.DocumentKey;
import io.docmap.worker.mapping.DocumentFailure;
import io.docmap.worker.mapping.DocumentResult;
import io.docmap.worker.mapping.MappingOutcome;

/**
 * Stores a page's outcome, results and failures together, in one transaction. A result replaces a failure; a failure
 * is written only where no result exists, in the same statement, so that two attempts at one page that overlap (a
 * lease resend, a rebalance, a timed-out attempt) can never leave a document in both tables.
 */
@ApplicationScoped
public class OutcomeStore {

    /** Failure messages are cut to the column's size. */
    private static final int MESSAGE_LIMIT = 2000;

    private final DocEntMapRepository results;
    private final DocFailureRepository failures;
    private final ObjectMapper json;
    private final DocumentKey key;

    public OutcomeStore(
            DocEntMapRepository results, DocFailureRepository failures, ObjectMapper json, DocumentKey key) {
        this.key = key;
        this.results = results;
        this.failures = failures;
        this.json = json;
    }

    public Uni<Void> save(MappingOutcome outcome) {
        if (outcome.size() == 0) {
            return Uni.createFrom().voidItem();
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<DocEntMap> resultRows =
                outcome.results().stream().map(r -> resultRow(r, now)).toList();
        List<DocFailure> failureRows =
                outcome.failures().stream().map(f -> failureRow(f, now)).toList();
        List<String> storedIds = resultRows.stream().map(row -> row.docId).toList();
        return Panache.withTransaction(() -> results.upsertAll(resultRows)
                .chain(() -> failures.clear(storedIds))
                .chain(() -> failures.recordAll(failureRows))
                .replaceWithVoid());
    }

    private DocEntMap resultRow(DocumentResult result, LocalDateTime now) {
        DocEntMap row = new DocEntMap();
        row.docId = result.document().mid;
        row.entListStr = toJson(result.entities());
        row.mappedListStr = toJson(result.canonicalNames());
        row.createTime = now;
        return row;
    }

    private DocFailure failureRow(DocumentFailure failure, LocalDateTime now) {
        DocFailure row = new DocFailure();
        row.docId = key.of(failure.document().id, failure.document().mid);
        row.sourceId = failure.document().id;
        row.cause = failure.cause().code();
        row.message = failure.message().length() <= MESSAGE_LIMIT
                ? failure.message()
                : failure.message().substring(0, MESSAGE_LIMIT);
        row.attempts = 1;
        row.firstFailedAt = now;
        row.lastFailedAt = now;
        return row;
    }

    private String toJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }
}
