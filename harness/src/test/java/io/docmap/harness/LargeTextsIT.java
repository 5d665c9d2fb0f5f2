package io.docmap.harness;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.docmap.testing.SourceRows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pages of 500 rows with huge texts among them. Four 15 MB texts, through services with the benchmark's 128 MB heaps:
 * the 496 small documents are stored, the 4 large ones fail with cause too-large without being loaded. Two 7 MB texts
 * dense with one entity (2.3 million matches each), under max-document-bytes, through 256 MB heaps: the mapper answers
 * each entity once, so all 500 are stored. No service runs out of memory.
 */
class LargeTextsIT {

    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final Set<Integer> LARGE = Set.of(100, 200, 300, 400);
    private static final int LARGE_BYTES = 15_000_000;
    private static final Set<Integer> DENSE = Set.of(150, 350);
    private static final int DENSE_BYTES = 7_000_000;

    @Test
    void fourFifteenMegabyteTextsFailAloneAndTheirNeighboursAreStoredIn128MegabyteHeaps() throws Exception {
        try (SystemRun run =
                        SystemRun.named("large").jvm(JvmOptions.SERVICES_OWN).start();
                Connection c = run.database().connect()) {
            SourceRows.insert(
                    c,
                    "mixed",
                    500,
                    i -> LARGE.contains(i) ? "北京" + "x".repeat(LARGE_BYTES - 6) : "北京 and 上海, item " + i);

            awaitOutcomes(c, 500);

            assertThat(SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(496);
            assertThat(SourceRows.count(
                            c,
                            "SELECT COUNT(*) FROM doc_failure WHERE cause = 'too-large'"
                                    + " AND doc_id IN ('mixed-100', 'mixed-200', 'mixed-300', 'mixed-400')"))
                    .isEqualTo(4);
            assertEveryServiceReadyWithoutOutOfMemory(run);
        }
    }

    @Test
    void twoTextsDenseWithOneEntityAreMappedOnceEachAndTheirNeighboursStoredIn256MegabyteHeaps() throws Exception {
        try (SystemRun run = SystemRun.named("dense").start();
                Connection c = run.database().connect()) {
            String dense = "UK ".repeat(DENSE_BYTES / 3);
            SourceRows.insert(c, "dense", 500, i -> DENSE.contains(i) ? dense : "北京 and 上海, item " + i);

            awaitOutcomes(c, 500);

            assertThat(SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map")).isEqualTo(500);
            assertThat(SourceRows.count(
                            c,
                            "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id IN ('dense-150', 'dense-350')"
                                    + " AND ent_list_str = '[\"UK\"]' AND mapped_list_str = '[\"United Kingdom\"]'"))
                    .as("each dense text's one entity, once")
                    .isEqualTo(2);
            assertEveryServiceReadyWithoutOutOfMemory(run);
        }
    }

    /** Waits until as many documents have an outcome, a result or a failure. */
    private static void awaitOutcomes(Connection c, long documents) {
        await().atMost(DRAIN)
                .until(() -> SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map")
                                + SourceRows.count(c, "SELECT COUNT(*) FROM doc_failure")
                        == documents);
    }

    private static void assertEveryServiceReadyWithoutOutOfMemory(SystemRun run) throws Exception {
        for (ServiceProcess service : run.pipeline().all()) {
            assertThat(service.ready()).as(service.toString()).isTrue();
        }
        try (var logs = Files.list(run.settings().logDir())) {
            for (var log : logs.toList()) {
                assertThat(Files.readString(log)).as("%s", log).doesNotContain("OutOfMemoryError");
            }
        }
    }
}
