package io.docmap.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With tracing switched on, a page's trace runs from dispatch through Kafka to the mapper call and the database write. */
class TracingIT {

    private static final String TRACE_VIEWER = "https://traces.example/trace/{traceId}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OtlpSink sink;
    private static SystemRun run;

    @BeforeAll
    static void start() throws Exception {
        sink = new OtlpSink();
        run = SystemRun.named("tracing")
                .properties(Map.of(
                        "DOCMAP_TRACING_DISABLED",
                        "false",
                        "DOCMAP_OTLP_ENDPOINT",
                        sink.url(),
                        "DOCMAP_OTLP_PROTOCOL",
                        "http/protobuf",
                        "quarkus.otel.bsp.schedule.delay",
                        "200ms",
                        "docmap.tracing.trace-url",
                        TRACE_VIEWER))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        SystemRun.closeAll(run, sink);
    }

    @Test
    void aPagesTraceGoesFromDispatchThroughKafkaToTheMapperAndTheDatabase() throws Exception {
        PipelineDatabase db = run.db();
        db.insertMissing(new Corpus(new GazetteerNames(), 5L).next("traced", 0, 50));
        await().atMost(Duration.ofMinutes(2))
                .until(() -> db.outcomes().drained() && db.outcomes().source() == 50);

        var record = run.kafka()
                .consumeStrings()
                .fromTopics(run.settings().pagesTopic(), 1)
                .awaitCompletion()
                .getFirstRecord();
        Header traceparent = record.headers().lastHeader("traceparent");
        assertThat(traceparent)
                .as("the page message carries the dispatcher's trace context")
                .isNotNull();
        String traceId = new String(traceparent.value()).split("-")[1];

        // The document lookup names that trace, and links to it in the configured viewer.
        JsonNode document = JSON.readTree(run.pipeline()
                .dispatcher()
                .get("/api/documents/traced-0", run.pipeline().apiToken())
                .orElseThrow()
                .body());
        assertThat(document.at("/pages/0/traceId").asText()).isEqualTo(traceId);
        assertThat(document.at("/pages/0/traceUrl").asText()).isEqualTo(TRACE_VIEWER.replace("{traceId}", traceId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<OtlpSink.Span> trace = sink.spansOf(traceId);
            assertThat(trace).as("the dispatcher's send").anyMatch(s -> s.service()
                    .contains("dispatcher-service"));
            assertThat(trace)
                    .as("the worker's upsert into doc_ent_map")
                    .anyMatch(s ->
                            s.service().contains("worker-service") && s.text().contains("INSERT INTO doc_ent_map"));
            assertThat(trace)
                    .as("the worker's mapper call")
                    .anyMatch(s ->
                            s.service().contains("worker-service") && s.text().contains("/ent_mapping/"));
            assertThat(trace)
                    .as("the mapper's answer")
                    .anyMatch(s ->
                            s.service().contains("mapper-service") && s.text().contains("/ent_mapping/"));
        });
    }
}
