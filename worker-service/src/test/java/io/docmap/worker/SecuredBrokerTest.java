package io.docmap.worker;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.PageRecords;
import io.docmap.testing.SecuredBrokerResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapperResource;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * The worker on a broker that takes SASL_SSL only, given nothing but {@code kafka.*} settings: its page consumer, its
 * dead-letter producer and its health check's admin client all reach the broker.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SecuredBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class SecuredBrokerTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.dlq-topic")
    String dlqTopic;

    @Test
    void everyKafkaClientTakesTheKafkaSettings() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "secured", 5, i -> "word" + i);
        }
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>(topic, "garbage", "this is not json"), PageRecords.of(topic, null, 1, ids))
                .awaitCompletion();

        await().atMost(OUTCOME)
                .until(() -> Sql.number(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'secured-%'") == 5);
        kafka.consumeStrings().fromTopics(dlqTopic, 1).awaitCompletion(OUTCOME);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
