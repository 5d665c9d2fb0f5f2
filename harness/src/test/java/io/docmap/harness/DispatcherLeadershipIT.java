package io.docmap.harness;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.docmap.common.Names;
import io.docmap.testing.Topics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two dispatcher processes on one database: the second waits in standby, not ready and running no round, while the
 * first leads. Once the first is SIGKILLed, the second takes over within seconds and the run goes on, each document
 * with one outcome. Once the first is frozen with SIGSTOP instead, its connections left open as a hung or cut-off
 * node leaves them, the server frees its lock within the lock session's idle release, the second takes over, and the
 * first, thawed, sends nothing more and stands by.
 */
class DispatcherLeadershipIT {

    private static final Duration OUTCOME = Duration.ofMinutes(3);
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    private static final int DOCUMENTS = 3000;

    @Test
    void aSecondDispatcherWaitsInStandbyAndTakesOverWhenTheFirstIsKilled() throws Exception {
        try (SystemRun run = SystemRun.named("leadership")
                .withStandInMapper()
                .properties(Map.of("docmap.dispatch.page-size", "100"))
                .start()) {
            Pipeline pipeline = run.pipeline();
            PipelineDatabase db = run.db();
            Corpus corpus = new Corpus(new GazetteerNames(), 7L);
            try (ServiceProcess second = pipeline.launchSecondDispatcher()) {
                await().atMost(OUTCOME).until(() -> second.get("/q/health/live")
                        .map(r -> r.statusCode() == 200)
                        .orElse(false));
                var standby = second.get("/q/health/ready").orElseThrow();
                assertThat(standby.statusCode()).isEqualTo(503);
                assertThat(standby.body()).contains("standby: another dispatcher holds the database's dispatcher lock");

                db.insertMissing(corpus.next("before", 0, 500));
                await().atMost(OUTCOME)
                        .until(() -> db.outcomes().drained() && db.outcomes().source() == 500);
                assertThat(Files.readString(second.log()))
                        .as("the dispatcher in standby ran no round")
                        .doesNotContain("dispatched");

                pipeline.dispatcher().kill();
                long killed = System.nanoTime();
                await().atMost(TAKEOVER).until(second::ready);
                System.out.printf(
                        "the second dispatcher took over %.1f s after the first was killed%n",
                        (System.nanoTime() - killed) / 1e9);

                db.insertMissing(corpus.next("after", 0, 500));
                await().atMost(OUTCOME)
                        .until(() -> db.outcomes().drained() && db.outcomes().source() == 1000);
                assertThat(db.outcomes().invariantHolds())
                        .as("invariant: %s", db.outcomes())
                        .isTrue();
                assertThat(Files.readString(second.log())).contains("this dispatcher leads");
            }
        }
    }

    @Test
    void aFrozenLeaderIsReplacedWithinTheBoundAndSendsNothingOnceThawed() throws Exception {
        // Four pages in flight at most, so that the run is mid-way when the leader freezes: the rest is the second's.
        try (SystemRun run = SystemRun.named("frozen-leader")
                .withStandInMapper()
                .properties(Map.of("docmap.dispatch.page-size", "100", "docmap.dispatch.max-pages-in-flight", "4"))
                .start()) {
            Pipeline pipeline = run.pipeline();
            PipelineDatabase db = run.db();
            ServiceProcess first = pipeline.dispatcher();
            try (ServiceProcess second = pipeline.launchSecondDispatcher()) {
                await().atMost(OUTCOME).until(() -> second.get("/q/health/live")
                        .map(r -> r.statusCode() == 200)
                        .orElse(false));
                db.insertMissing(new Corpus(new GazetteerNames(), 11L).next("frozen", 0, DOCUMENTS));
                await().atMost(OUTCOME).until(() -> db.outcomes().settled() >= DOCUMENTS / 10);

                first.freeze();
                long frozenAt = System.currentTimeMillis();
                await().atMost(TAKEOVER).until(second::ready);
                System.out.printf(
                        "the second dispatcher took over %.1f s after the first froze%n",
                        (System.currentTimeMillis() - frozenAt) / 1e3);

                long logBeforeThaw = Files.size(first.log());
                long thawedAt = System.currentTimeMillis();
                first.thaw();
                await().atMost(OUTCOME).until(() -> first.get("/q/health/ready")
                        .map(r -> r.statusCode() == 503 && r.body().contains("standby"))
                        .orElse(false));
                await().atMost(OUTCOME)
                        .until(() -> db.outcomes().drained() && db.outcomes().source() == DOCUMENTS);
                assertThat(db.outcomes().invariantHolds())
                        .as("invariant: %s", db.outcomes())
                        .isTrue();

                byte[] log = Files.readAllBytes(first.log());
                assertThat(new String(log, (int) logBeforeThaw, log.length - (int) logBeforeThaw, UTF_8))
                        .as("the thawed dispatcher's log")
                        .doesNotContain("dispatched");
                // A consumer returns the partitions in any order: the first leader's epoch is the lowest sent.
                List<ConsumerRecord<String, String>> records =
                        Topics.readAll(run.kafka(), run.settings().pagesTopic());
                long firstEpoch = records.stream()
                        .mapToLong(DispatcherLeadershipIT::epoch)
                        .min()
                        .orElseThrow();
                assertThat(records)
                        .filteredOn(r -> epoch(r) == firstEpoch)
                        .as("records of the first leader's epoch")
                        .isNotEmpty()
                        .allMatch(r -> r.timestamp() < frozenAt);
                assertThat(records).as("records of the second leader's epoch").anyMatch(r -> epoch(r) > firstEpoch);
            }
        }
    }

    private static long epoch(ConsumerRecord<String, String> record) {
        return Long.parseLong(new String(
                record.headers().lastHeader(Names.LEADER_EPOCH_HEADER).value(), UTF_8));
    }
}
