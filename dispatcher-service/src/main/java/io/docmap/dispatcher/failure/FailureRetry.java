package io.docmap.dispatcher.failure;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.dispatcher.persistence.failures.FailureRepository;
import io.docmap.dispatcher.persistence.failures.FailureSelection;

/**
 * Retries failed documents: they leave the failure table and go through the pipeline again. A selection is retried in
 * batches of {@link #BATCH} documents, each its own transaction, in doc_id order: a million failures never lock the
 * failure table for the whole of it, and what was handed back stays handed back if a later batch fails.
 */
@ApplicationScoped
public class FailureRetry {

    static final int BATCH = 1000;

    private final FailureRepository failures;
    private final PageDispatcher dispatcher;

    public FailureRetry(FailureRepository failures, PageDispatcher dispatcher) {
        this.failures = failures;
        this.dispatcher = dispatcher;
    }

    /** Returns how many failures were handed back to the pipeline; the next dispatch rounds send them. */
    public Uni<Integer> retry(FailureSelection selection) {
        return retryAfter(selection, "", 0).invoke(retried -> {
            Log.infof("retrying %d failed documents (%s)", retried, selection);
            dispatcher.sweepNextRound();
        });
    }

    private Uni<Integer> retryAfter(FailureSelection selection, String after, int retried) {
        return Panache.withTransaction(() -> failures.nextDocIds(selection, after, BATCH)
                        .chain(batch -> batch.isEmpty()
                                ? Uni.createFrom().item(Batch.NONE)
                                : failures.forget(selection.within(batch))
                                        .map(forgotten -> new Batch(forgotten, batch.get(batch.size() - 1)))))
                .onFailure()
                .transform(e -> {
                    Log.warnf(
                            "retry of failures (%s) stopped after %d documents were handed back: %s",
                            selection, retried, e.toString());
                    return new RetryStoppedException(retried, e);
                })
                .chain(batch -> {
                    if (batch == Batch.NONE) {
                        return Uni.createFrom().item(retried);
                    }
                    dispatcher.sweepNextRound();
                    return retryAfter(selection, batch.last(), retried + batch.forgotten());
                });
    }

    /** A batch handed back: how many failures, and the last doc_id, where the next batch starts after. */
    private record Batch(int forgotten, String last) {

        static final Batch NONE = new Batch(0, null);
    }
}
