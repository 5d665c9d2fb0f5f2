package io.docmap.harness;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two dispatcher processes on one database: the second waits in standby, not ready and running no round, while the
 * first leads; once the first is SIGKILLed, the second takes over within seconds and the run goes on, each document
 * with one outcome.
 */
class DispatcherLeadershipIT {

    private static final Duration OUTCOME = Duration.ofMinutes(3);
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

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
}
