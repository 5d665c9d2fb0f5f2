package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.Topics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The workers panel's figures against a consumer of the workers' group driven by the test: the broker's members,
 * partitions and lag, and the pages the database says a worker holds, met at the partition.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class WorkersResourceTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.worker-group")
    String group;

    @Test
    void showsTheGroupsMembersTheirLagAndThePagesTheyHold() throws Exception {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "workers", 300, i -> "text " + i);
        }
        await().atMost(OUTCOME).until(() -> count("SELECT COUNT(*) FROM dispatch_page WHERE state = 'SENT'") == 3);

        // A worker of the group, polling all along: it acknowledges the first page it gets, takes one other and
        // leaves the last.
        AtomicBoolean acknowledgedOne = new AtomicBoolean();
        try (ConsumerTask<String, String> worker = kafka.consumeStrings()
                .withGroupId(group)
                .withCommitSyncWhen(page -> acknowledgedOne.compareAndSet(false, true))
                .fromTopics(topic)) {
            List<ConsumerRecord<String, String>> pages =
                    worker.awaitRecords(3, OUTCOME).getRecords();
            long taken = Long.parseLong(pages.get(1).key());
            Sql.execute(
                    db,
                    "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at)"
                            + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3) FROM dispatch_page WHERE page_id = "
                            + taken);
            int partitions = Topics.partitions(kafka, topic).size();

            await().atMost(OUTCOME).untilAsserted(() -> given().header("Authorization", "Bearer test-read-token")
                    .get("/api/workers")
                    .then()
                    .statusCode(200)
                    .body("group", equalTo(group))
                    .body("groupSize", equalTo(1))
                    .body("members[0].partitions", hasSize(partitions))
                    .body("members[0].pagesInFlight", equalTo(1))
                    .body("members[0].lag", equalTo(2))
                    .body("partitions", hasSize(partitions))
                    .body("lag", equalTo(2))
                    .body("error", equalTo(null)));
        }
        given().get("/api/workers").then().statusCode(401);
    }

    private long count(String sql) throws SQLException {
        return Sql.number(db, sql);
    }
}
