package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that no worker took and whose record Kafka no longer holds, or that the workers' group moved past, is sent
 * again, on a real broker; a page that merely waits for a worker is not, and neither is one a worker took. The
 * schedule is held off, so that the test runs every round, and the broker is asked at every round.
 */
@QuarkusTest
@TestProfile(LostPagesTest.CheckedEveryRound.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class LostPagesTest {

    public static class CheckedEveryRound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "docmap.dispatch.interval", "1h",
                    "docmap.dispatch.busy-interval", "1h",
                    "docmap.dispatch.lost-page-check", "0s");
        }
    }

    @Inject
    PageDispatcher dispatcher;

    @Inject
    AgroalDataSource db;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.worker-group")
    String group;

    @Test
    @RunOnVertxContext
    void pagesThatKafkaLostAreSentAgainAndPagesThatWaitAreNot(UniAsserter asserter) throws SQLException {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "lost", 200, i -> "text " + i);
        }
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(2));
        asserter.assertThat(dispatcher::runOnce, round -> assertThat(round.sent())
                .as("pages that wait in the topic")
                .isZero());

        // Retention, or a clean-up: every record up to the end is deleted.
        asserter.execute(() -> offTheEventLoop(() -> {
            kafka.deleteRecords(ends().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue()))));
            return null;
        }));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(2));
        asserter.assertThat(() -> sends(), sends -> assertThat(sends).isEqualTo("sent 4, lost 2"));
        asserter.assertThat(
                () -> offTheEventLoop(
                        () -> total(offsets(OffsetSpec.latest())) - total(offsets(OffsetSpec.earliest()))),
                records -> assertThat(records)
                        .as("records in the topic: those sent again")
                        .isEqualTo(2));
        asserter.assertThat(dispatcher::runOnce, round -> assertThat(round.sent())
                .as("pages sent again, waiting")
                .isZero());

        // A worker takes the first page; then the group is reset to the end, past both records.
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at)"
                        + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3) FROM dispatch_page"
                        + " ORDER BY page_id LIMIT 1"));
        asserter.execute(() -> offTheEventLoop(() -> {
            kafka.consumerGroups()
                    .alterOffsets(
                            group,
                            ends().entrySet().stream()
                                    .collect(Collectors.toMap(
                                            Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
            return null;
        }));
        asserter.assertThat(
                dispatcher::runOnce,
                round -> assertThat(round.sent()).as("the page no worker took").isEqualTo(1));
        asserter.assertThat(() -> sends(), sends -> assertThat(sends).isEqualTo("sent 5, lost 3"));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT lost_sends FROM dispatch_page ORDER BY page_id DESC LIMIT 1"),
                lost -> assertThat(lost)
                        .as("lost sends of the page sent again after the reset")
                        .isEqualTo(2));
    }

    /** The companion waits for the broker, which the event loop must not: it runs on a worker, and comes back. */
    private static <T> Uni<T> offTheEventLoop(Supplier<T> kafkaCall) {
        Context context = Vertx.currentContext();
        return Uni.createFrom()
                .item(kafkaCall)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> ends() {
        return offsets(OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) {
        return Topics.offsets(kafka, topic, spec);
    }

    private Uni<String> sends() {
        return Sql.textInTurn(
                db, "SELECT CONCAT('sent ', SUM(send_count), ', lost ', SUM(lost_sends)) FROM dispatch_page");
    }
}
