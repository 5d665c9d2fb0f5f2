package io.docmap.dispatcher.failure;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.dispatcher.persistence.FailureRepository;
import io.docmap.dispatcher.persistence.FailureSelection;

/** Retries failed documents: they leave the failure table and go through the pipeline again. */
@ApplicationScoped
public class FailureRetry {

    private final FailureRepository failures;
    private final PageDispatcher dispatcher;

    public FailureRetry(FailureRepository failures, PageDispatcher dispatcher) {
        this.failures = failures;
        this.dispatcher = dispatcher;
    }

    /** Returns how many failures are retried; the next dispatch round sends them. */
    public Uni<Integer> retry(FailureSelection selection) {
        return Panache.withTransaction(() -> failures.forget(selection)).invoke(retried -> {
            Log.infof("retrying %d failed documents (%s)", retried, selection);
            dispatcher.sweepNextRound();
        });
    }
}
