package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.StandInMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in a real browser (Debian's Chromium, driven by Playwright) during a run: its numbers match the
 * API, pause stops dispatch, resume restarts it, and a failure can be retried from its row.
 */
class StatusPageIT {

    private static final Path BROWSER_TEST = LocalInfra.root().resolve("harness/src/test/browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final String TOKEN = "status-page-" + UUID.randomUUID();

    private static SystemRun run;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM)
                .as("Chromium is needed: apt-get install chromium, or set CHROMIUM")
                .exists();
        if (!Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core"))) {
            LocalInfra.run("npm", "ci", "--no-audit", "--no-fund", "--prefix", BROWSER_TEST.toString());
        }
        Map<String, String> properties = Map.of(
                "docmap.dispatch.page-size", "50",
                "docmap.dispatch.max-pages-in-flight", "4",
                "docmap.worker.concurrency", "2",
                "docmap.control.token", TOKEN);
        run = SystemRun.named("status-page")
                .withStandInMapper()
                .properties(properties)
                .start();
        // Slow, so that the run is still going while the browser looks, and with a few permanent rejections.
        run.mapper().script(mapperAnswering(400));
    }

    @AfterAll
    static void stop() throws Exception {
        SystemRun.closeAll(run);
    }

    @Test
    void pageShowsTheApiFiguresPausesResumesAndRetriesInARealBrowser() throws Exception {
        PipelineDatabase db = run.db();
        db.insertMissing(new Corpus(new GazetteerNames(), 11L).next("ui", 0, 2_000));
        Path screenshot = LocalInfra.root().resolve("harness/target/status-page.png");
        Files.deleteIfExists(screenshot);

        Process browser = new ProcessBuilder(
                        "node", "status-page.mjs", run.pipeline().dispatcher().url(), TOKEN, screenshot.toString())
                .directory(BROWSER_TEST.toFile())
                .inheritIO()
                .start();
        assertThat(finished(browser))
                .as("the browser checks finish within 5 minutes")
                .isTrue();

        assertThat(browser.exitValue())
                .as("status page checks (see the output above)")
                .isZero();
        assertThat(screenshot).exists().isNotEmptyFile();
        run.mapper().script(mapperAnswering(0));
        await().atMost(Duration.ofMinutes(5)).until(() -> db.outcomes().drained());
        assertThat(db.outcomes().invariantHolds())
                .as("invariant: %s", db.outcomes())
                .isTrue();
    }

    /** Rejects one document in 50 for good; answers the others after {@code delayMillis}. */
    private static StandInMapper.Script mapperAnswering(long delayMillis) {
        return docIds -> docIds.stream().anyMatch(id -> Math.floorMod(id.hashCode(), 50) == 0)
                ? StandInMapper.Answer.of(422, "{\"detail\":\"not acceptable\"}")
                : new StandInMapper.Answer(200, null, delayMillis);
    }

    private static boolean finished(Process process) throws InterruptedException, IOException {
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        return done;
    }
}
