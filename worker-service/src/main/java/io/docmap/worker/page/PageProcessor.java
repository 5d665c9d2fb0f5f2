package io.docmap.worker.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.ConfigProvider;

import io.docmap.common.FailureCause;
import io.docmap.common.config.LeaseRule;
import io.docmap.common.kafka.PageMessage;
import io.docmap.worker.WorkerConfig;
import io.docmap.worker.mapping.AttemptAnswers;
import io.docmap.worker.mapping.PageMapper;
import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;
import io.docmap.worker.persistence.outcomes.OutcomeStore;
import io.docmap.worker.persistence.schema.Schema;
import io.docmap.worker.persistence.sources.SourceDocumentRepository;

/**
 * One page, start to finish: find the rows that still need an outcome, with their texts' lengths; load and map their
 * texts in slices within the page's byte budget; store every outcome in one transaction. On a re-map's page a new
 * result replaces the old in that statement, and a failure is recorded only where no result is: a document the mapper
 * now refuses keeps the result it had, so it has one outcome at every moment.
 */
@Startup
@ApplicationScoped
public class PageProcessor {

    private static final int WARM_UP_ROUNDS = 5;
    /** A page of the dispatcher's default size: the statements a page makes are prepared for its number of ids. */
    private static final int WARM_UP_DOCUMENTS = PageMessage.DEFAULT_SIZE;

    private final SourceDocumentRepository documents;
    private final PageMapper mapper;
    private final OutcomeStore store;
    private final WorkerMetrics metrics;
    private final Schema schema;
    private final WorkerConfig config;

    public PageProcessor(
            SourceDocumentRepository documents,
            PageMapper mapper,
            OutcomeStore store,
            WorkerMetrics metrics,
            Schema schema,
            WorkerConfig config) {
        this.metrics = metrics;
        this.schema = schema;
        this.config = config;
        if (config.maxDocumentBytes().asLongValue() > config.pageBytes().asLongValue()) {
            throw new IllegalArgumentException("docmap.worker.max-document-bytes ("
                    + config.maxDocumentBytes().asLongValue() + ") must be at most docmap.worker.page-bytes ("
                    + config.pageBytes().asLongValue() + "): a document is loaded whole, within one page's budget");
        }
        LeaseRule.check(ConfigProvider.getConfig());
        this.documents = documents;
        this.mapper = mapper;
        this.store = store;
    }

    public Uni<PageReport> process(PageMessage page) {
        long started = System.nanoTime();
        return owed(page)
                .map(pending -> PageDocuments.of(
                        pending, schema.documentKey(), config.maxDocumentBytes().asLongValue()))
                .chain(pending -> {
                    AttemptAnswers attempt = mapper.begin();
                    return mapInSlices(
                                    attempt, pending.slices(config.pageBytes().asLongValue()))
                            .map(attempt::settle)
                            .map(mapped -> mapped.withFailures(pending.refused()));
                })
                .chain(mapped -> store.save(page.pageId(), mapped))
                .invoke(outcome -> metrics.pageStored(outcome, System.nanoTime() - started))
                .invoke(outcome -> {
                    if (page.remapBefore() != null && !outcome.failures().isEmpty()) {
                        DocumentFailure first = outcome.failures().get(0);
                        Log.warnf(
                                "re-map page %d: %d documents failed (the first, %s: %s); those with a result keep it",
                                page.pageId(),
                                outcome.failures().size(),
                                first.document().mid(),
                                first.message());
                    }
                })
                .map(outcome -> new PageReport(
                        page.pageId(),
                        page.ids().size(),
                        outcome.results().size(),
                        outcome.failures().size(),
                        System.nanoTime() - started));
    }

    /** The page's rows that need a mapping: those without an outcome, and on a re-map's page those stored before it. */
    private Uni<List<SourceDocument>> owed(PageMessage page) {
        return page.remapBefore() == null
                ? documents.findWithoutOutcome(page.ids())
                : documents.findOwedToRemap(page.ids(), Instant.ofEpochMilli(page.remapBefore()));
    }

    /**
     * Runs a page's reads on ids that no row has, and its store on made-up documents, rolled back, {@link
     * #WARM_UP_ROUNDS} times before the first page: the pool opens its connections and the code that reads and
     * stores rows is compiled. The first page's read of its rows took 0.7 s where later ones took 20 ms, and its store
     * 0.5 s where later ones took 30 to 60 ms.
     */
    public Uni<Void> warmUp() {
        List<Long> none = LongStream.rangeClosed(1, WARM_UP_DOCUMENTS)
                .map(i -> -i)
                .boxed()
                .toList();
        MappingOutcome madeUp = madeUpOutcome();
        return Multi.createFrom()
                .range(0, WARM_UP_ROUNDS)
                .onItem()
                .transformToUniAndConcatenate(round -> documents
                        .findWithoutOutcome(none)
                        .chain(() -> documents.withTexts(none))
                        .chain(() -> store.rehearse(madeUp)))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Results for documents no row has, with ids {@code warmup-0} on, and one failure, as a page stores them. */
    private static MappingOutcome madeUpOutcome() {
        List<String> names = List.of("北京", "Shanghai", "联合国", "European Union");
        List<DocumentResult> results = new ArrayList<>();
        for (int i = 0; i < WARM_UP_DOCUMENTS; i++) {
            results.add(new DocumentResult(new SourceDocument(-1 - i, "warmup-" + i, 0), names, names, "warm-up"));
        }
        SourceDocument failed = new SourceDocument(-1 - WARM_UP_DOCUMENTS, "warmup-" + WARM_UP_DOCUMENTS, 0);
        return new MappingOutcome(
                results, List.of(new DocumentFailure(failed, FailureCause.MAPPER_REJECTED, "a made-up failure")));
    }

    /** One slice after the other: only one slice's texts, and the requests made of them, are in memory at once. */
    private Uni<MappingOutcome> mapInSlices(AttemptAnswers attempt, List<List<SourceDocument>> slices) {
        return Multi.createFrom()
                .iterable(slices)
                .onItem()
                .transformToUniAndConcatenate(slice -> documents
                        .withTexts(slice.stream().map(SourceDocument::id).toList())
                        .chain(texts -> mapper.map(attempt, texts))
                        .map(MappingOutcome::withoutTexts))
                .collect()
                .asList()
                .map(MappingOutcome::merge);
    }
}
