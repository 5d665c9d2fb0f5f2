package io.docmap.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.StandInMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chaos run: 20,000 documents through two workers and a mapper that errs, times out, rejects and answers
 * garbage, while workers are SIGKILLed three times and SIGTERMed once, the dispatcher is SIGKILLed once, the broker
 * and the database restart, and 1,000 rows arrive meanwhile. It runs on a Kafka broker and a MariaDB server of its own, so that restarting them
 * disturbs nothing else. When it drains, every row has exactly one outcome, and the failures are exactly the
 * documents the mapper rejected for good.
 */
class ChaosIT {

    private static final int CORPUS = 20_000;
    private static final int CONCURRENT = 1_000;
    private static final Duration DRAIN = Duration.ofMinutes(8);

    private static Map<String, String> infraEnv;
    private static StandInMapper mapper;
    private static Pipeline pipeline;
    private static PipelineDatabase db;

    @BeforeAll
    static void start() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path home = LocalInfra.root().resolve("harness/target/chaos-" + suffix);
        infraEnv = Map.of(
                "DOCMAP_HOME", home.toString(),
                "DOCMAP_KAFKA_LIBS", LocalInfra.home().resolve("kafka/libs").toString(),
                "DOCMAP_DB_PORT", Integer.toString(ServiceProcess.freePort()),
                "DOCMAP_KAFKA_PORT", Integer.toString(ServiceProcess.freePort()));
        infra("start");
        var database = Pipeline.DatabaseSettings.fromInfra(home);
        mapper = new StandInMapper();
        mapper.script(new ChaosScript());
        Map<String, String> properties = Map.of(
                "docmap.dispatch.page-size", "200",
                "docmap.dispatch.sweep-interval", "5s",
                "docmap.dispatch.lease", "90s",
                "docmap.dispatch.max-sends", "5",
                "docmap.worker.retry-max-backoff", "5s",
                "docmap.worker.page-timeout", "60s",
                "docmap.dispatch.round-timeout", "60s",
                "DOCMAP_MAPPER_TIMEOUT_MS", "1000",
                "DOCMAP_WORKER_SESSION_TIMEOUT_MS", "10000");
        pipeline = new Pipeline(SystemRun.named("chaos")
                        .mapperUrl(mapper.url())
                        .workers(2)
                        .properties(properties)
                        .settings(
                                database,
                                Files.readString(home.resolve("kafka/bootstrap"))
                                        .trim()))
                .start();
        db = new PipelineDatabase(database.jdbcUrl(), database.user(), database.password());
    }

    @AfterAll
    static void stop() throws Exception {
        SystemRun.closeAll(pipeline, mapper);
        if (infraEnv != null) {
            infra("stop");
        }
    }

    @Test
    void everyRowHasExactlyOneOutcomeAndTheFailuresAreExactlyThePermanentRejections() throws Exception {
        db.insertMissing(new Corpus(new GazetteerNames(), 99L).next("chaos", 0, CORPUS));

        afterSettled(2_000, () -> pipeline.killAndRestartWorker(0));
        afterSettled(5_000, pipeline::killAndRestartDispatcher);
        afterSettled(7_000, () -> restart("kafka"));
        afterSettled(10_000, () -> pipeline.killAndRestartWorker(1));
        CompletableFuture<Void> inserts = CompletableFuture.runAsync(ChaosIT::insertConcurrently);
        // The database goes away: the services that use it report not ready until it is back.
        afterSettled(13_000, () -> {
            infra("stop", "db");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pipeline.usingDatabase().noneMatch(ServiceProcess::ready));
            // The status page's Service keeps routing to the dispatcher, whose API says what is out.
            assertThat(pipeline.dispatcher().serving()).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var progress = pipeline.dispatcher()
                        .get("/api/progress", pipeline.apiToken())
                        .orElseThrow();
                assertThat(progress.statusCode()).isEqualTo(503);
                assertThat(progress.body()).contains("the database cannot be read");
            });
            infra("start", "db");
        });
        afterSettled(16_000, () -> pipeline.killAndRestartWorker(0));
        // A SIGTERM mid-run: the worker finishes or releases its pages and exits within its grace period.
        AtomicBoolean graceful = new AtomicBoolean();
        afterSettled(18_000, () -> graceful.set(pipeline.stopAndRestartWorker(1)));
        assertThat(graceful)
                .as("worker exited within its 30 s grace period after SIGTERM")
                .isTrue();
        inserts.join();

        await().atMost(DRAIN)
                .ignoreExceptions()
                .until(() -> db.outcomes().drained() && db.outcomes().source() == CORPUS + CONCURRENT);

        Outcomes outcomes = db.outcomes();
        assertThat(outcomes.invariantHolds()).as("invariant: %s", outcomes).isTrue();
        Map<String, String> expectedFailures = new HashMap<>();
        Map<String, String> actualFailures = new HashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT mid FROM source_data")) {
                while (rs.next()) {
                    String mid = rs.getString(1);
                    ChaosScript.permanentCause(mid).ifPresent(cause -> expectedFailures.put(mid, cause.code()));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT doc_id, cause FROM doc_failure")) {
                while (rs.next()) {
                    actualFailures.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(actualFailures).isEqualTo(expectedFailures);
        assertThat(outcomes.results()).isEqualTo(CORPUS + CONCURRENT - expectedFailures.size());
        assertThat(expectedFailures).isNotEmpty();
        // Every service is back in service once the outages are over.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> pipeline.all().stream().allMatch(ServiceProcess::ready));
    }

    private static void afterSettled(long settled, Runnable chaos) {
        await().atMost(DRAIN).ignoreExceptions().until(() -> db.outcomes().settled() >= settled);
        chaos.run();
    }

    private static void restart(String part) {
        infra("stop", part);
        infra("start", part);
    }

    private static void infra(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = LocalInfra.root().resolve("docmap").toString();
        command[1] = "infra";
        System.arraycopy(args, 0, command, 2, args.length);
        LocalInfra.run(infraEnv, command);
    }

    /** A client application inserting rows; like a real one, it retries while the database restarts. */
    private static void insertConcurrently() {
        Corpus corpus = new Corpus(new GazetteerNames(), 7_000L);
        for (int batch = 0; batch < CONCURRENT / 100; batch++) {
            List<CorpusDocument> rows = corpus.next("chaos-new", batch * 100, 100);
            await().atMost(DRAIN).ignoreExceptions().until(() -> db.insertMissing(rows) >= 0);
        }
    }
}
