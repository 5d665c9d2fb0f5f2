package io.docmap.worker.consume;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.docmap.common.DocumentKey;
import io.docmap.common.kafka.PageMessage;
import io.docmap.worker.mapping.PageDocuments;
import io.docmap.worker.mapping.PageMapper;
import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.persistence.OutcomeStore;
import io.docmap.worker.persistence.SourceDocumentRepository;

/** One page, start to finish: load the texts that still need an outcome, map them, store every outcome. */
@ApplicationScoped
public class PageProcessor {

    private final SourceDocumentRepository documents;
    private final PageMapper mapper;
    private final OutcomeStore store;
    private final WorkerMetrics metrics;
    private final DocumentKey key;

    public PageProcessor(
            SourceDocumentRepository documents,
            PageMapper mapper,
            OutcomeStore store,
            WorkerMetrics metrics,
            DocumentKey key) {
        this.metrics = metrics;
        this.key = key;
        this.documents = documents;
        this.mapper = mapper;
        this.store = store;
    }

    public Uni<PageReport> process(PageMessage page) {
        long started = System.nanoTime();
        return Panache.withSession(() -> documents.findWithoutOutcome(page.ids()))
                .map(pending -> PageDocuments.of(pending, key))
                .chain(pending -> mapper.map(pending.toMap()).map(mapped -> mapped.withFailures(pending.unusable())))
                .call(store::save)
                .invoke(outcome -> metrics.pageStored(outcome, System.nanoTime() - started))
                .map(outcome -> new PageReport(
                        page.pageId(),
                        page.ids().size(),
                        outcome.results().size(),
                        outcome.failures().size(),
                        System.nanoTime() - started));
    }
}
