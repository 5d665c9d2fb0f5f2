package io.docmap.worker.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperResult;
import io.docmap.common.warmup.WarmupDocuments;
import io.docmap.common.warmup.WarmupRounds;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.SourceDocument;
import io.docmap.worker.persistence.outcomes.ListWriter;

/**
 * Runs the worker's per-document work on made-up documents before the HTTP server starts (StartupEvent comes first),
 * so before the worker is ready, and without calling the mapper: writing a request from the texts' bytes, reading an
 * answer, writing the lists it stores. The JIT compiles what it ran, and the first pages no longer run in the
 * interpreter; the first tenth of the benchmark's scenario a ran at a fifth of the steady rate.
 */
@ApplicationScoped
class ClientWarmup {

    private static final int DOCUMENTS = 128;
    private static final List<String> NAMES = List.of("北京", "Shanghai", "联合国", "European Union", "深圳市");

    private final MapperAnswers answers;
    private final ListWriter lists;
    private final ObjectMapper json;

    ClientWarmup(MapperAnswers answers, ListWriter lists, ObjectMapper json) {
        this.answers = answers;
        this.lists = lists;
        this.json = json;
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
    }
}
