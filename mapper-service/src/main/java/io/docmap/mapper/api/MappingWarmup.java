package io.docmap.mapper.api;

import java.util.List;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;

import io.docmap.common.mapper.MapperRequest;
import io.docmap.common.mapper.MapperResult;
import io.docmap.common.warmup.WarmupDocuments;
import io.docmap.common.warmup.WarmupRounds;
import io.docmap.mapper.EntityMapper;
import io.docmap.mapper.gazetteer.Gazetteer;

/**
 * Runs the endpoint's per-document work on made-up documents before the HTTP server starts (StartupEvent comes
 * first), so before the service is ready: reading a request, matching, writing the answer. The JIT compiles what it
 * ran, and the first requests no longer run in the interpreter; the first tenth of the benchmark's scenario a ran at
 * a fifth of the steady rate. Nothing is counted in the metrics.
 */
@ApplicationScoped
class MappingWarmup {

    private static final int DOCUMENTS = 128;

    private final EntityMapper mapper;
    private final Gazetteer gazetteer;
    private final ObjectMapper json;

    MappingWarmup(EntityMapper mapper, Gazetteer gazetteer, ObjectMapper json) {
        this.mapper = mapper;
        this.gazetteer = gazetteer;
        this.json = json;
    }

    void warm(@Observes @Priority(1) StartupEvent event) throws Exception {
        List<String> names = gazetteer.size() == 0 ? List.of("docmap") : gazetteer.someNames(DOCUMENTS);
        byte[] request = json.writeValueAsBytes(new MapperRequest(WarmupDocuments.of(DOCUMENTS, names)));
        WarmupRounds.run("the mapping", DOCUMENTS, () -> {
            List<MapperResult> results = json.readValue(request, MapperRequest.class).dataList().stream()
                    .map(doc -> mapper.map(doc.docId(), doc.text()))
                    .toList();
            json.writeValueAsBytes(results);
            return true;
        });
    }
}
