package io.docmap.worker.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.docmap.worker.WorkerConfig;
import io.docmap.worker.client.MapperAnswer;
import io.docmap.worker.client.MapperClient;
import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;

/**
 * Maps a page's documents: batches of {@code batch-size} documents, at most {@code concurrency} mapper calls in
 * flight across the whole worker, the batches of the page that started first going first. A batch refused as a
 * whole (a rejection, a 413, an answer that is not the contract) is split into single documents, so that one bad
 * document does not fail its neighbours; a single document's answer that is not the contract waits for the page's
 * verdict ({@link AttemptAnswers}). Transient failures propagate, so that the page is tried again.
 */
@Startup
@ApplicationScoped
public class PageMapper {

    private final MapperClient client;
    private final WorkerConfig config;
    private final ConcurrencyLimiter limiter;
    private final AtomicLong pagesStarted = new AtomicLong();
    private final WorkerMetrics metrics;

    public PageMapper(MapperClient client, WorkerConfig config, WorkerMetrics metrics) {
        this.client = client;
        this.config = config;
        this.metrics = metrics;
        this.limiter = new ConcurrencyLimiter(config.concurrency());
        metrics.mapperCallsInFlight(limiter::running);
    }

    /** Begins an attempt at a page; {@link AttemptAnswers#settle} gives its outcome once all its documents are mapped. */
    public AttemptAnswers begin() {
        return new AttemptAnswers(pagesStarted.getAndIncrement());
    }

    /** Maps documents of the attempt's page: all of them, or one slice of them. */
    public Uni<MappingOutcome> map(AttemptAnswers attempt, List<SourceDocument> documents) {
        return mapAll(attempt, batches(documents, config.batchSize()));
    }

    /** Maps batches of one page; its ticket puts them ahead of the batches of every page started after it. */
    private Uni<MappingOutcome> mapAll(AttemptAnswers attempt, List<List<SourceDocument>> batches) {
        return Multi.createFrom()
                .iterable(batches)
                .onItem()
                .transformToUni(batch -> mapBatch(attempt, batch))
                .merge(config.concurrency())
                .collect()
                .asList()
                .map(MappingOutcome::merge);
    }

    private Uni<MappingOutcome> mapBatch(AttemptAnswers attempt, List<SourceDocument> batch) {
        return limiter.run(attempt.ticket(), () -> client.map(batch)).chain(answer -> {
            if (answer instanceof MapperAnswer.Refused refused) {
                if (batch.size() > 1) {
                    return mapAll(attempt, batches(batch, 1));
                }
                if (refused.breaksTheContract()) {
                    attempt.unusable(batch.get(0), refused);
                    return Uni.createFrom().item(MappingOutcome.NONE);
                }
                return failedAlone(batch.get(0), refused);
            }
            attempt.answered();
            return Uni.createFrom().item(((MapperAnswer.Mapped) answer).outcome());
        });
    }

    private static Uni<MappingOutcome> failedAlone(SourceDocument document, MapperAnswer.Refused refused) {
        Log.warnf(
                "document %s (source id %d) failed, %s: %s",
                document.mid(), document.id(), refused.cause().code(), refused.message());
        return Uni.createFrom()
                .item(MappingOutcome.failed(new DocumentFailure(document, refused.cause(), refused.message())));
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}
