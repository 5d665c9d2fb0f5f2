package io.docmap.worker.persistence.outcomes;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.hibernate.PessimisticLockException;
import org.hibernate.exception.LockAcquisitionException;

import io.docmap.common.DocumentKey;
import io.docmap.common.FailureCause;
import io.docmap.common.persistence.DocFailure;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.persistence.ErrorText;
import io.docmap.worker.persistence.attempts.PageAttempts;

/**
 * Stores a page's outcome, results and failures together, in one transaction. A result replaces a failure; a failure
 * is written only where no result exists, in the same statement, so that two attempts at one page that overlap (a
 * lease resend, a rebalance, a timed-out attempt) can never leave a document in both tables.
 */
@ApplicationScoped
public class OutcomeStore {

    private static final int LOCK_RETRIES = 3;
    private static final Duration LOCK_RETRY_BACKOFF = Duration.ofMillis(20);
    /** No page has this id: a rehearsal's mark of stored outcomes updates nothing. */
    private static final long NO_PAGE = -1;

    private final DocEntMapRepository results;
    private final DocFailureRepository failures;
    private final ListWriter lists;
    private final PageAttempts attempts;
    private final DocumentKey key;

    public OutcomeStore(
            DocEntMapRepository results,
            DocFailureRepository failures,
            PageAttempts attempts,
            ListWriter lists,
            DocumentKey key) {
        this.key = key;
        this.attempts = attempts;
        this.results = results;
        this.failures = failures;
        this.lists = lists;
    }

    /**
     * Stores the outcome of an attempt at a page, marks the page's outcomes stored, and says what was stored: a result
     * whose lists do not fit doc_ent_map is stored as a failure with cause result-too-large instead.
     */
    public Uni<MappingOutcome> save(long pageId, MappingOutcome mapped) {
        if (mapped.size() == 0) {
            return Panache.withTransaction(() -> attempts.stored(pageId)).replaceWith(mapped);
        }
        Rows rows = rows(mapped);
        return Panache.withTransaction(() -> write(pageId, rows))
                .onFailure(OutcomeStore::isLockConflict)
                .invoke(conflict -> Log.debugf("a page's outcome met another's locks, storing it again: %s", conflict))
                .onFailure(OutcomeStore::isLockConflict)
                .retry()
                .withBackOff(LOCK_RETRY_BACKOFF)
                .atMost(LOCK_RETRIES)
                .replaceWith(rows.outcome());
    }

    /**
     * Stores a made-up outcome as {@link #save} would, for no page, and rolls the transaction back: the worker's
     * warm-up, since the first page's store took 0.5 s where later ones take tens of milliseconds. Nothing it wrote
     * stays, and the locks it took go with the rollback; only the {@code doc_ent_map} ids InnoDB handed its rows are
     * skipped, as a rolled-back insert's always are.
     */
    public Uni<Void> rehearse(MappingOutcome mapped) {
        Rows rows = rows(mapped);
        return Panache.withTransaction(
                        () -> write(NO_PAGE, rows).chain(() -> Uni.createFrom().failure(new Rehearsal())))
                .onFailure(Rehearsal.class)
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** What a page's transaction writes, and what it says was stored. */
    private record Rows(
            MappingOutcome outcome, List<DocEntMap> results, List<String> storedIds, List<DocFailure> failures) {}

    /** Ends a rehearsal's transaction with a rollback. */
    private static final class Rehearsal extends RuntimeException {
        Rehearsal() {
            super("a rehearsal of a page's store, rolled back", null, false, false);
        }
    }

    private Rows rows(MappingOutcome mapped) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<DocEntMap> resultRows = new ArrayList<>();
        List<DocumentResult> stored = new ArrayList<>();
        List<DocumentFailure> failed = new ArrayList<>(mapped.failures());
        for (DocumentResult result : mapped.results()) {
            DocEntMap row = resultRow(result, now);
            String unstorable = lists.unstorable(row.entListStr, row.mappedListStr);
            if (unstorable == null) {
                resultRows.add(row);
                stored.add(result);
            } else {
                failed.add(new DocumentFailure(result.document(), FailureCause.RESULT_TOO_LARGE, unstorable));
            }
        }
        return new Rows(
                new MappingOutcome(stored, failed),
                resultRows,
                resultRows.stream().map(row -> row.docId).toList(),
                failed.stream().map(f -> failureRow(f, now)).toList());
    }

    private Uni<Integer> write(long pageId, Rows rows) {
        return results.upsertAll(rows.results())
                .chain(() -> failures.clear(rows.storedIds()))
                .chain(() -> failures.recordAll(rows.failures()))
                .chain(() -> attempts.stored(pageId));
    }

    /**
     * A deadlock or a lock wait timeout: two pages' transactions met on doc_ent_map's index (the failure check reads
     * it with shared locks). InnoDB rolled this one back; storing it again costs a round trip, where failing the page
     * would map it all again.
     */
    private static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionException || cause instanceof PessimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private DocEntMap resultRow(DocumentResult result, LocalDateTime now) {
        DocEntMap row = new DocEntMap();
        row.docId = result.document().mid();
        row.entListStr = lists.write(result.entities());
        row.mappedListStr = lists.write(result.canonicalNames());
        row.createTime = now;
        row.mapperVersion = result.mapperVersion();
        return row;
    }

    private DocFailure failureRow(DocumentFailure failure, LocalDateTime now) {
        DocFailure row = new DocFailure();
        row.docId = key.of(failure.document().id(), failure.document().mid());
        row.sourceId = failure.document().id();
        row.cause = failure.cause().code();
        row.message = ErrorText.fit(failure.message());
        row.attempts = 1;
        row.firstFailedAt = now;
        row.lastFailedAt = now;
        return row;
    }
}
