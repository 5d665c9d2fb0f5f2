package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

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

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

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

        try (KafkaConsumer<String, byte[]> worker = consumer()) {
            worker.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> pages = new ArrayList<>();
            await().atMost(OUTCOME).until(() -> {
                worker.poll(Duration.ofMillis(200)).forEach(pages::add);
                return pages.size() == 3;
            });
            // One page acknowledged; of the two others, one taken by a worker and not finished.
            ConsumerRecord<String, byte[]> acknowledged = pages.get(0);
            worker.commitSync(Map.of(
                    new TopicPartition(topic, acknowledged.partition()),
                    new OffsetAndMetadata(acknowledged.offset() + 1)));
            long taken = Long.parseLong(pages.get(1).key());
            Sql.execute(
                    db,
                    "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at)"
                            + " SELECT page_id, send_count, 'test', 1, UTC_TIMESTAMP(3) FROM dispatch_page WHERE page_id = "
                            + taken);
            int partitions = worker.partitionsFor(topic).size();

            await().atMost(OUTCOME).untilAsserted(() -> {
                worker.poll(Duration.ofMillis(100));
                given().header("Authorization", "Bearer test-read-token")
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
                        .body("error", equalTo(null));
            });
        }
        given().get("/api/workers").then().statusCode(401);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private long count(String sql) throws SQLException {
        return Sql.number(db, sql);
    }
}
