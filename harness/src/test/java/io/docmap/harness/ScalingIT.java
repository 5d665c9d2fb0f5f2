package io.docmap.harness;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What KEDA relies on, with real processes: 20,000 documents and a slow mapper; one worker, then three (scale-up
 * mid-run), then one again by SIGTERM to two of them (scale-down mid-run). The invariant holds, the mapper sees
 * each document once (a graceful scale-down hands pages over without processing them twice), and the run reports
 * docs/s before and after the scale-up.
 */
class ScalingIT {

    private static final Logger LOG = Logger.getLogger(ScalingIT.class.getName());
    private static final int DOCUMENTS = 20_000;

    private static TestDatabase database;
    private static StandInMapper mapper;
    private static Pipeline pipeline;
    private static PipelineDatabase db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        mapper = new StandInMapper();
        // A mapper call takes 100 ms: a worker with 2 calls in flight does at most 2 × 16 / 0.1 s = 320 docs/s, far
        // below what this machine's CPU allows, so adding workers adds throughput.
        mapper.script(docIds -> new StandInMapper.Answer(200, null, 100));
        pipeline = new Pipeline(TestRuns.settings(
                        "scaling",
                        TestRuns.database(database),
                        LocalInfra.kafkaBootstrap(),
                        Optional.of(mapper.url()),
                        1,
                        Map.of(
                                "docmap.worker.concurrency",
                                "2",
                                "docmap.dispatch.page-size",
                                "200",
                                "docmap.dispatch.max-pages-in-flight",
                                "36")))
                .start();
        db = new PipelineDatabase(database.jdbcUrl(), database.user(), database.password());
    }

    @AfterAll
    static void stop() throws Exception {
        TestRuns.closeAll(pipeline, mapper, database);
    }

    @Test
    void scalingUpAndDownMidRunKeepsOneOutcomePerDocumentAndAddsThroughput() throws Exception {
        db.insertMissing(new Corpus(new GazetteerNames(), 3L).next("scale", 0, DOCUMENTS));
        await().atMost(Duration.ofMinutes(2)).until(() -> db.outcomes().settled() >= 1_000);
        double oneWorker = rate();

        pipeline.scaleWorkersTo(3);
        // Measure once the group has rebalanced and the new workers have pages.
        long scaledAt = db.outcomes().settled();
        await().atMost(Duration.ofMinutes(2)).until(() -> db.outcomes().settled() >= scaledAt + 2_000);
        double threeWorkers = rate();

        boolean graceful = pipeline.scaleWorkersTo(1);
        await().atMost(Duration.ofMinutes(5)).until(() -> db.outcomes().drained());

        LOG.info(String.format(
                "scaling: %.0f docs/s with 1 worker, %.0f docs/s with 3 (×%.2f)",
                oneWorker, threeWorkers, threeWorkers / oneWorker));
        assertThat(graceful)
                .as("scaled-down workers exit within their grace period")
                .isTrue();
        Outcomes outcomes = db.outcomes();
        assertThat(outcomes.invariantHolds()).as("invariant: %s", outcomes).isTrue();
        assertThat(outcomes.results()).isEqualTo(DOCUMENTS);
        List<String> twice = IntStream.range(0, DOCUMENTS)
                .mapToObj(i -> "scale-" + i)
                .filter(id -> mapper.callsFor(id) != 1)
                .toList();
        // The scaled-down workers finish their pages before leaving the group, so nothing is mapped twice.
        assertThat(twice).as("documents the mapper saw more than once").isEmpty();
        assertThat(IntStream.range(0, DOCUMENTS)
                        .filter(i -> mapper.callsFor("scale-" + i) == 0)
                        .count())
                .isZero();
        assertThat(threeWorkers).as("three workers map faster than one").isGreaterThan(oneWorker);
    }

    /** Outcomes per second while the next 3,000 outcomes arrive. */
    private static double rate() throws SQLException {
        long before = db.outcomes().settled();
        long start = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).until(() -> db.outcomes().settled() >= before + 3_000);
        return (db.outcomes().settled() - before) / ((System.nanoTime() - start) / 1e9);
    }
}
