package io.docmap.harness;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.docmap.testing.SourceRows;
import io.docmap.testing.StandInMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mapper's endpoint answers 503 for longer than the lease times max-sends, on real services. The worker keeps
 * retrying the two pages it holds, renewing their leases, and the third waits in Kafka with no lease running, so no
 * document fails with lease-expired and no page is sent again. The two pages are reported stuck, with the last error,
 * and the progress says why nothing moves; once the mapper is back, every document is stored.
 */
class OutageIT {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int MAX_SENDS = 2;
    private static final int PAGES = 3;
    /** The worker's pages-in-flight: the third page waits in Kafka, taken by no one, all through the outage. */
    private static final int TAKEN = 2;

    private static final int PAGE_SIZE = 100;
    private static final Duration OUTCOME = Duration.ofMinutes(3);

    @Test
    void anOutageLongerThanEveryLeaseFailsNoDocumentAndIsReportedStuckUntilItEnds() throws Exception {
        Map<String, String> properties = Map.of(
                "docmap.dispatch.page-size",
                Integer.toString(PAGE_SIZE),
                "docmap.dispatch.lease",
                LEASE.toSeconds() + "s",
                "docmap.dispatch.max-sends",
                Integer.toString(MAX_SENDS),
                "docmap.worker.retry-initial-backoff",
                "200ms",
                "docmap.worker.retry-max-backoff",
                "500ms",
                // The lease rule: page-timeout + retry-max-backoff below the lease.
                "docmap.worker.page-timeout",
                "2s",
                "DOCMAP_MAPPER_MAX_RETRIES",
                "0");
        try (SystemRun run = SystemRun.named("outage")
                        .withStandInMapper()
                        .properties(properties)
                        .start();
                Connection c = run.database().connect()) {
            StandInMapper mapper = run.mapper();
            mapper.script(docIds -> StandInMapper.Answer.of(503, "{\"detail\":\"down for maintenance\"}"));
            SourceRows.insert(c, "outage", PAGES * PAGE_SIZE, i -> "北京 item " + i);

            await().atMost(OUTCOME).untilAsserted(() -> {
                JsonNode progress = run.progress();
                assertThat(progress.path("stuckPages").asInt()).isEqualTo(TAKEN);
                assertThat(progress.path("waitingPages").asInt()).isEqualTo(PAGES - TAKEN);
                assertThat(progress.path("stuck").get(0).path("lastError").asText())
                        .containsAnyOf("mapper answered 503", "circuit breaker");
                assertThat(progress.path("stall").asText()).startsWith(TAKEN + " pages keep failing");
            });
            // As the workers recorded it, the outage has now lasted longer than every send's lease together.
            long outageLongerThanAllLeases = LEASE.toMillis() * (MAX_SENDS + 1);
            await().atMost(OUTCOME)
                    .until(() -> SourceRows.count(
                                    c,
                                    "SELECT COUNT(*) FROM page_attempt WHERE TIMESTAMPDIFF(MICROSECOND, failing_since,"
                                            + " last_failed_at) / 1000 > ?",
                                    outageLongerThanAllLeases)
                            == TAKEN);
            assertThat(SourceRows.count(c, "SELECT COUNT(*) FROM doc_failure")).isZero();
            assertThat(SourceRows.count(c, "SELECT MAX(send_count) FROM dispatch_page"))
                    .as("no page was sent again: the worker kept renewing the leases of the pages it took, and the"
                            + " lease of the page waiting in Kafka never began")
                    .isEqualTo(1);

            mapper.script(docIds -> null);

            await().atMost(OUTCOME)
                    .until(() -> SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map") == PAGES * PAGE_SIZE);
            assertThat(SourceRows.count(c, "SELECT COUNT(*) FROM doc_failure")).isZero();
            await().atMost(OUTCOME).untilAsserted(() -> {
                JsonNode progress = run.progress();
                assertThat(progress.path("stuckPages").asInt()).isZero();
                assertThat(progress.path("pending").asInt()).isZero();
                assertThat(progress.path("stall").isNull()).isTrue();
            });
        }
    }
}
