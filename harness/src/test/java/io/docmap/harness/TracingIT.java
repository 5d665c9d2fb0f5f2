package io.docmap.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.TestDatabase;
import io.docmap.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With tracing switched on, a page's trace runs from dispatch through Kafka to the mapper call and the database write. */
class TracingIT {

    private static TestDatabase database;
    private static OtlpSink sink;
    private static Pipeline pipeline;
    private static PipelineDatabase db;
    private static Pipeline.Settings settings;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        sink = new OtlpSink();
        settings = TestRuns.settings(
                "tracing",
                TestRuns.database(database),
                LocalInfra.kafkaBootstrap(),
                Optional.empty(),
                1,
                Map.of(
                        "DOCMAP_TRACING_DISABLED",
                        "false",
                        "DOCMAP_OTLP_ENDPOINT",
                        sink.url(),
                        "DOCMAP_OTLP_PROTOCOL",
                        "http/protobuf",
                        "quarkus.otel.bsp.schedule.delay",
                        "200ms"));
        pipeline = new Pipeline(settings).start();
        db = new PipelineDatabase(database.jdbcUrl(), database.user(), database.password());
    }

    @AfterAll
    static void stop() throws Exception {
        TestRuns.closeAll(pipeline, sink, database);
    }

    @Test
    void aPagesTraceGoesFromDispatchThroughKafkaToTheMapperAndTheDatabase() throws Exception {
        db.insertMissing(new Corpus(new GazetteerNames(), 5L).next("traced", 0, 50));
        await().atMost(Duration.ofMinutes(2))
                .until(() -> db.outcomes().drained() && db.outcomes().source() == 50);

        var record = TopicReader.readAll(LocalInfra.kafkaBootstrap(), settings.pagesTopic())
                .get(0);
        Header traceparent = record.headers().lastHeader("traceparent");
        assertThat(traceparent)
                .as("the page message carries the dispatcher's trace context")
                .isNotNull();
        String traceId = new String(traceparent.value()).split("-")[1];

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
