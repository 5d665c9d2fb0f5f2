package io.docmap.harness;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.TestDatabase;

/** What the system ITs share: pipelines with topics, a group and logs of their own, and an orderly stop. */
final class TestRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRuns() {}

    /** Settings for a run called {@code name}; its logs go to {@code harness/target/<name>-logs/<suffix>}. */
    static Pipeline.Settings settings(
            String name,
            Pipeline.DatabaseSettings database,
            String bootstrap,
            Optional<String> mapperUrl,
            int workers,
            Map<String, String> properties) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new Pipeline.Settings(
                LocalInfra.root(),
                LocalInfra.root().resolve("harness/target/" + name + "-logs/" + suffix),
                database,
                bootstrap,
                name + ".pages." + suffix,
                name + ".pages.dlq." + suffix,
                name + "-worker-" + suffix,
                mapperUrl,
                workers,
                properties,
                Pipeline.QUICK_START_JVM);
    }

    /** The same settings with other JVM options for the services. */
    static Pipeline.Settings withJvm(Pipeline.Settings s, List<String> jvmOptions) {
        return new Pipeline.Settings(
                s.root(),
                s.logDir(),
                s.database(),
                s.kafkaBootstrap(),
                s.pagesTopic(),
                s.dlqTopic(),
                s.workerGroup(),
                s.mapperUrl(),
                s.workers(),
                s.properties(),
                jvmOptions);
    }

    static Pipeline.DatabaseSettings database(TestDatabase db) {
        return new Pipeline.DatabaseSettings(db.host(), db.port(), db.name(), db.user(), db.password());
    }

    /** The dispatcher's /api/progress, read now. */
    static JsonNode progress(Pipeline pipeline) throws IOException {
        return JSON.readTree(pipeline.dispatcher()
                .get("/api/progress", pipeline.apiToken())
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no progress from the dispatcher"))
                .body());
    }

    /** Closes what was opened, in order, skipping what never was. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
