package io.docmap.worker.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperResult;
import io.docmap.common.warmup.WarmupDocuments;
import io.docmap.common.warmup.WarmupRounds;
import io.docmap.worker.WorkerConfig;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.SourceDocument;
import io.docmap.worker.persistence.outcomes.ListWriter;

/**
 * Runs the worker's per-document work on made-up documents before the HTTP server starts (StartupEvent comes first),
 * so before the worker is ready, and without calling the mapper: writing a request from the texts' bytes, reading an
 * answer, writing the lists it stores. The JIT compiles what it ran, and the first pages no longer run in the
 * interpreter; the first tenth of the benchmark's scenario a ran at a fifth of the steady rate. Then the same calls go
 * over HTTP, several at a time, to a {@link MapperStandIn}: the REST client's first calls took 0.7 to 0.9 s each on
 * the first page, against 0.04 to 0.1 s once warm. A warm-up that fails is logged, and the worker starts all the same.
 */
@ApplicationScoped
class ClientWarmup {

    private static final int DOCUMENTS = 128;
    /** Calls in flight at once: enough to run the code of concurrent calls; more would only take longer. */
    private static final int CALLS_AT_ONCE = 4;

    private static final Duration CALL_WAIT = Duration.ofSeconds(10);
    private static final List<String> NAMES = List.of("北京", "Shanghai", "联合国", "European Union", "深圳市");

    private final MapperAnswers answers;
    private final ListWriter lists;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final int callsAtOnce;

    ClientWarmup(MapperAnswers answers, ListWriter lists, ObjectMapper json, Vertx vertx, WorkerConfig config) {
        this.answers = answers;
        this.lists = lists;
        this.json = json;
        this.vertx = vertx;
        this.callsAtOnce = Math.min(config.concurrency(), CALLS_AT_ONCE);
    }

    void warm(@Observes @Priority(1) StartupEvent event) throws Exception {
        List<SourceDocument> batch = new ArrayList<>();
        List<MapperResult> results = new ArrayList<>();
        long id = 0;
        for (MapperDocument doc : WarmupDocuments.of(DOCUMENTS, NAMES)) {
            batch.add(new SourceDocument(++id, doc.docId(), doc.text().getBytes(StandardCharsets.UTF_8)));
            results.add(new MapperResult(doc.docId(), NAMES, NAMES));
        }
        byte[] answer = json.writeValueAsBytes(results);
        WarmupRounds.run("the per-document work", DOCUMENTS, () -> {
            MapperRequestBody.of(batch);
            if (!(answers.of(200, answer, batch) instanceof MapperAnswer.Mapped mapped)) {
                Log.warn("the warm-up's own answer was not read as mapped; the worker starts without warming up");
                return false;
            }
            for (DocumentResult result : mapped.outcome().results()) {
                lists.write(result.entities());
                lists.write(result.canonicalNames());
            }
            return true;
        });
        try (MapperStandIn standIn = MapperStandIn.start(vertx, answer)) {
            MapperApi api =
                    QuarkusRestClientBuilder.newBuilder().baseUri(standIn.uri()).build(MapperApi.class);
            try {
                WarmupRounds.run("the mapper calls", DOCUMENTS * callsAtOnce, () -> calls(api, batch));
            } finally {
                ((AutoCloseable) api).close();
            }
        } catch (Exception e) {
            Log.warnf("the worker's mapper calls did not warm up (%s); it starts all the same", e.toString());
        }
    }

    /** One round: {@link #CALLS_AT_ONCE} calls at once, or the concurrency where it is lower, as a page makes them. */
    private boolean calls(MapperApi api, List<SourceDocument> batch) {
        List<Uni<MapperAnswer>> calls = new ArrayList<>();
        for (int i = 0; i < callsAtOnce; i++) {
            calls.add(api.map(MapperRequestBody.of(batch)).map(response -> answers.of(response, batch)));
        }
        List<MapperAnswer> answered =
                Uni.join().all(calls).andFailFast().await().atMost(CALL_WAIT);
        if (answered.stream().allMatch(MapperAnswer.Mapped.class::isInstance)) {
            return true;
        }
        Log.warnf("the stand-in's answers were read as %s; the worker starts without warming its calls", answered);
        return false;
    }
}
