package io.docmap.harness;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.docmap.testing.SourceRows;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka loses pages before any worker takes them, on real services: first retention (every record deleted), then a
 * reset of the workers' group to the end of the topic. The dispatcher sends each lost page again, and once a worker
 * runs, every document gets one outcome, none failed for it.
 */
class LostPagesIT {

    private static final int PAGES = 6;
    private static final int PAGE_SIZE = 100;
    private static final Duration CHECK = Duration.ofSeconds(2);
    private static final Duration OUTCOME = Duration.ofMinutes(2);

    @Test
    void pagesThatKafkaLostBeforeAnyWorkerTookThemAreSentAgainAndEachDocumentGetsOneOutcome() throws Exception {
        Map<String, String> properties = Map.of(
                "docmap.dispatch.page-size",
                Integer.toString(PAGE_SIZE),
                "docmap.dispatch.lost-page-check",
                CHECK.toSeconds() + "s");
        try (SystemRun run = SystemRun.named("lost")
                        .withStandInMapper()
                        .workers(0)
                        .properties(properties)
                        .start();
                Connection c = run.database().connect()) {
            SourceRows.insert(c, "lost", PAGES * PAGE_SIZE, i -> "北京 item " + i);
            await().atMost(OUTCOME)
                    .until(() -> count(c, "SELECT COUNT(*) FROM dispatch_page WHERE state = 'SENT'") == PAGES);

            KafkaCompanion kafka = run.kafka();
            String topic = run.settings().pagesTopic();
            long deleted = System.nanoTime();
            kafka.deleteRecords(ends(kafka, topic).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue()))));
            await().atMost(OUTCOME).until(() -> count(c, "SELECT SUM(lost_sends) FROM dispatch_page") == PAGES);
            double afterDeletion = (System.nanoTime() - deleted) / 1e9;

            long reset = System.nanoTime();
            kafka.consumerGroups()
                    .alterOffsets(
                            run.settings().workerGroup(),
                            ends(kafka, topic).entrySet().stream()
                                    .collect(Collectors.toMap(
                                            Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
            await().atMost(OUTCOME).until(() -> count(c, "SELECT SUM(lost_sends) FROM dispatch_page") == 2 * PAGES);
            double afterReset = (System.nanoTime() - reset) / 1e9;

            run.pipeline().scaleWorkersTo(1);
            await().atMost(OUTCOME).until(() -> run.db().outcomes().drained());

            Outcomes outcomes = run.db().outcomes();
            assertThat(outcomes.invariantHolds()).as("%s", outcomes).isTrue();
            assertThat(outcomes.failures()).isZero();
            assertThat(count(c, "SELECT MAX(send_count - lost_sends) FROM dispatch_page"))
                    .as("sends counted against max-sends")
                    .isEqualTo(1);
            System.out.printf(
                    "lost pages sent again %.1f s after their records were deleted, %.1f s after the group's reset"
                            + " (lost-page-check %s)%n",
                    afterDeletion, afterReset, CHECK);
        }
    }

    private static Map<TopicPartition, Long> ends(KafkaCompanion kafka, String topic) {
        return Topics.offsets(kafka, topic, OffsetSpec.latest());
    }

    private static long count(Connection c, String sql) throws Exception {
        return SourceRows.count(c, sql);
    }
}
