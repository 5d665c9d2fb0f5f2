package io.docmap.dispatcher;

import java.sql.Connection;
import java.time.Duration;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.SecuredBrokerResource;
import io.docmap.testing.SourceRows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The dispatcher on a broker that takes SASL_SSL only, given nothing but {@code kafka.*} settings: each of its Kafka
 * clients uses them, or the broker would not answer it. The page producer sends, the admin client of the workers panel
 * reads the topic, and the health check's admin client finds the broker.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SecuredBrokerResource.class, restrictToAnnotatedClass = true)
class SecuredBrokerTest {

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
    void everyKafkaClientTakesTheKafkaSettings() throws Exception {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "secured", 150, i -> "text " + i);
        }

        // Read as a worker of the group would, so that the group the workers panel describes exists.
        assertThat(kafka.consumeStrings()
                        .withGroupId(group)
                        .withCommitSyncWhen(page -> true)
                        .fromTopics(topic, 2)
                        .awaitCompletion(OUTCOME)
                        .count())
                .as("the page producer's pages")
                .isEqualTo(2);
        await().atMost(OUTCOME).untilAsserted(() -> given().header("Authorization", "Bearer test-read-token")
                .get("/api/workers")
                .then()
                .statusCode(200)
                .body("error", equalTo(null))
                .body("partitions", hasSize(4)));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
