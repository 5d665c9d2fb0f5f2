package io.docmap.harness;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.TestDatabase;

/**
 * The set-up the system ITs share: a database of their own, the pipeline's services on the local broker with topics, a
 * group and logs of their own, a stand-in mapper when the test scripts one, and a {@link KafkaCompanion} to look at
 * the topics. Closing it stops and drops all of that, in order.
 */
final class SystemRun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database;
    private final StandInMapper mapper;
    private final Pipeline pipeline;
    private final PipelineDatabase db;
    private final KafkaCompanion kafka;

    private SystemRun(TestDatabase database, StandInMapper mapper, Pipeline pipeline) {
        this.database = database;
        this.mapper = mapper;
        this.pipeline = pipeline;
        this.db = db(database);
        this.kafka = new KafkaCompanion(pipeline.settings().kafkaBootstrap());
    }

    /** A run called {@code name}; its logs go to {@code harness/target/<name>-logs/<suffix>}. */
    static Builder named(String name) {
        return new Builder(name);
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The run's database, as the ITs query it. */
    PipelineDatabase db() {
        return db;
    }

    TestDatabase database() {
        return database;
    }

    /** The stand-in mapper the services call, when the run was built {@link Builder#withStandInMapper()}. */
    StandInMapper mapper() {
        return mapper;
    }

    KafkaCompanion kafka() {
        return kafka;
    }

    Pipeline.Settings settings() {
        return pipeline.settings();
    }

    /** The dispatcher's /api/progress, read now. */
    JsonNode progress() throws IOException {
        return progress(pipeline);
    }

    static JsonNode progress(Pipeline pipeline) throws IOException {
        return JSON.readTree(pipeline.dispatcher()
                .get("/api/progress", pipeline.apiToken())
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no progress from the dispatcher"))
                .body());
    }

    static PipelineDatabase db(TestDatabase database) {
        return new PipelineDatabase(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() throws Exception {
        closeAll(kafka, pipeline, mapper, database);
    }

    /** Closes what was opened, in order, skipping what never was. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    static final class Builder {

        private final String name;
        private boolean standInMapper;
        private Optional<String> mapperUrl = Optional.empty();
        private int workers = 1;
        private Map<String, String> properties = Map.of();
        private JvmOptions jvmOptions = Pipeline.QUICK_START_JVM;

        private Builder(String name) {
            this.name = name;
        }

        /** The services call a {@link StandInMapper} the run starts, instead of the reference mapper. */
        Builder withStandInMapper() {
            this.standInMapper = true;
            return this;
        }

        /** The services call the mapper at {@code url}, instead of the reference mapper. */
        Builder mapperUrl(String url) {
            this.mapperUrl = Optional.of(url);
            return this;
        }

        Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Configuration of the services, by property or environment name. */
        Builder properties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        Builder jvm(JvmOptions options) {
            this.jvmOptions = options;
            return this;
        }

        /** Starts the services on a new database and the local broker, and returns when every one is ready. */
        SystemRun start() {
            TestDatabase database = TestDatabase.create();
            StandInMapper mapper = null;
            Pipeline pipeline = null;
            try {
                if (standInMapper) {
                    mapper = new StandInMapper();
                    mapperUrl = Optional.of(mapper.url());
                }
                pipeline = new Pipeline(settings(database));
                return new SystemRun(database, mapper, pipeline.start());
            } catch (RuntimeException e) {
                try {
                    closeAll(pipeline, mapper, database);
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** Settings for services on {@code database} and the local broker, for a test that starts them itself. */
        Pipeline.Settings settings(TestDatabase database) {
            return settings(
                    new Pipeline.DatabaseSettings(
                            database.host(), database.port(), database.name(), database.user(), database.password()),
                    LocalInfra.kafkaBootstrap());
        }

        /** Settings for services on a database and a broker of the test's own. */
        Pipeline.Settings settings(Pipeline.DatabaseSettings database, String kafkaBootstrap) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            return new Pipeline.Settings(
                    LocalInfra.root(),
                    LocalInfra.root().resolve("harness/target/" + name + "-logs/" + suffix),
                    database,
                    kafkaBootstrap,
                    name + ".pages." + suffix,
                    name + ".pages.dlq." + suffix,
                    name + "-worker-" + suffix,
                    mapperUrl,
                    workers,
                    properties,
                    jvmOptions,
                    ServicePorts.ANY_FREE);
        }
    }
}
