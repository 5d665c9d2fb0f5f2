package io.docmap.worker;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.common.Names;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.PageRecords;
import io.docmap.testing.SourceRows;
import io.docmap.testing.StandInMapperResource;
import io.docmap.testing.TestDatabase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** A worker on a database the dispatcher has not migrated yet waits, unready and out of the group, then consumes. */
@QuarkusTest
@QuarkusTestResource(
        value = DatabaseTestResource.class,
        initArgs = @ResourceArg(name = DatabaseTestResource.MIGRATED, value = "false"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class SchemaWaitTest {

    /** A fresh database with no table at all: the worker must not create any. */
    TestDatabase database;

    @Inject
    ChannelRegistry channels;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @Test
    void waitsUnreadyForTheDispatchersMigrationsThenConsumes() throws Exception {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("the database has no migration applied yet"));
        assertThat(channels.getPausable(Names.PAGES_IN).isPaused()).isTrue();
        try (Connection c = database.connect()) {
            assertThat(c.getMetaData()
                            .getTables(database.name(), null, "%", null)
                            .next())
                    .as("tables made by the worker")
                    .isFalse();
        }

        database.migrate();
        List<Long> ids;
        try (Connection c = database.connect()) {
            ids = SourceRows.insert(c, "late", 3, i -> "text " + i);
        }
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 1, ids)).awaitCompletion();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = database.connect()) {
                return SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'late-%'") == 3;
            }
        });
    }
}
