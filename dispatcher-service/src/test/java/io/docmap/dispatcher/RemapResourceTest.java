package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.common.kafka.PageMessage;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.Topics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A re-map by mapper version, through the API: it selects that version's results and no newer one's, sends them in
 * pages that carry the instant before which a result is mapped again, keeps to its own budget of pages in flight,
 * pauses, resumes, and ends once its pages are done (marked stored, or with every result replaced); one re-map runs at
 * a time, and a bad request is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RemapResourceTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);
    private static final int DOCUMENTS = 2000;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.dispatch.page-size")
    int pageSize;

    /** 8 in tests: fewer than the selection's pages. */
    @ConfigProperty(name = "docmap.dispatch.remap-pages-in-flight")
    int remapPagesInFlight;

    @Test
    void aRemapByVersionSendsItsSelectionWithinItsBudgetAndEndsOnceItsPagesAreDone() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "remapd", DOCUMENTS, i -> "text " + i);
        }
        // Even rows mapped by v1 an hour ago, odd rows by v2, first seen later: a re-map of v1 takes the even ones.
        Sql.execute(
                db,
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time, mapper_version)"
                        + " SELECT mid, '[\"甲\"]', '[\"Jia\"]',"
                        + " UTC_TIMESTAMP(3) - INTERVAL IF(id % 2 = 0, 60, 30) MINUTE, IF(id % 2 = 0, 'v1', 'v2')"
                        + " FROM source_data WHERE mid LIKE 'remapd-%'");
        Set<Long> selected =
                new HashSet<>(ids.stream().filter(id -> id % 2 == 0).toList());
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM dispatch_page WHERE state <> 'DONE' AND origin <> 'REMAP'") == 0
                                && count("SELECT COUNT(*) FROM dispatch_page") > 0);

        JsonPath started = control()
                .contentType(ContentType.JSON)
                .body("{\"mapperVersion\":\"v1\"}")
                .post("/api/remap")
                .then()
                .statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("selected", equalTo(selected.size()))
                .extract()
                .jsonPath();
        control()
                .contentType(ContentType.JSON)
                .body("{\"entity\":\"甲\"}")
                .post("/api/remap")
                .then()
                .statusCode(409)
                .body("detail", containsString("running"));

        // No page finishes yet: the re-map stops at its budget.
        int budget = remapPagesInFlight * pageSize;
        await().atMost(OUTCOME).until(() -> {
            assertThat(remapPagesInFlight()).as("re-map pages in flight").isLessThanOrEqualTo(remapPagesInFlight);
            return progress().getLong("sent") == budget;
        });
        control().post("/api/remap/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        markRemapPagesStored();
        await().atMost(OUTCOME).until(() -> progress().getLong("done") == budget);
        assertThat(progress().getLong("sent")).as("sent while paused").isEqualTo(budget);

        control().post("/api/remap/resume").then().statusCode(200).body("state", equalTo("RUNNING"));
        await().atMost(OUTCOME).until(() -> progress().getLong("sent") == selected.size());
        // Results replaced, as a worker whose take committed after its store's mark leaves them: no mark.
        Sql.execute(
                db,
                "UPDATE doc_ent_map SET create_time = UTC_TIMESTAMP(3) + INTERVAL 1 SECOND, mapper_version = 'v3'"
                        + " WHERE doc_id LIKE 'remapd-%' AND mapper_version = 'v1'");
        await().atMost(OUTCOME).until(() -> "DONE".equals(progress().getString("state")));
        JsonPath done = progress();
        assertThat(done.getLong("done")).isEqualTo(selected.size());
        assertThat(done.getLong("pending")).isZero();
        assertThat(done.getString("endedAt")).isNotNull();

        List<PageMessage> remapPages = remapPages();
        List<Long> sent = new ArrayList<>();
        remapPages.forEach(page -> sent.addAll(page.ids()));
        assertThat(sent)
                .as("ids the re-map sent")
                .hasSize(selected.size())
                .containsExactlyInAnyOrderElementsOf(selected);
        long requestedAt = LocalDateTime.parse(started.getString("requestedAt"))
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
        assertThat(remapPages).allSatisfy(page -> assertThat(page.remapBefore()).isEqualTo(requestedAt));
    }

    @Test
    void aRemapIsCancelledAndBadRequestsAreRefused() throws SQLException {
        control().post("/api/remap/cancel").then().statusCode(409).body("detail", containsString("no re-map"));
        control()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/remap")
                .then()
                .statusCode(400);
        control()
                .contentType(ContentType.JSON)
                .body("{\"fromId\":5,\"toId\":4}")
                .post("/api/remap")
                .then()
                .statusCode(400)
                .body("detail", containsString("fromId must be at most toId"));
        control()
                .contentType(ContentType.JSON)
                .body("{\"mapperVersion\":\"never-seen\"}")
                .post("/api/remap")
                .then()
                .statusCode(400)
                .body("detail", containsString("never-seen"));
        given().contentType(ContentType.JSON)
                .body("{\"entity\":\"x\"}")
                .post("/api/remap")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer test-read-token")
                .contentType(ContentType.JSON)
                .body("{\"entity\":\"x\"}")
                .post("/api/remap")
                .then()
                .statusCode(401);

        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "cancelled", 3, i -> "text " + i);
        }
        Sql.execute(
                db,
                // A version first seen after the other test's: its re-map by v1 does not take these.
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time, mapper_version)"
                        + " SELECT mid, '[]', '[]', UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, 'v9' FROM source_data"
                        + " WHERE mid LIKE 'cancelled-%'");
        control()
                .contentType(ContentType.JSON)
                .body("{\"fromId\":0,\"toId\":9223372036854775807}")
                .post("/api/remap")
                .then()
                .statusCode(200)
                .body("state", equalTo("RUNNING"));
        control().post("/api/remap/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        assertThat(progress().getString("endedAt")).isNotNull();
    }

    private JsonPath progress() {
        return given().header("Authorization", "Bearer test-read-token")
                .get("/api/remap")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private long remapPagesInFlight() throws SQLException {
        return count("SELECT COUNT(*) FROM dispatch_page WHERE origin = 'REMAP' AND state IN ('RECORDED', 'SENT')");
    }

    private void markRemapPagesStored() throws SQLException {
        Sql.execute(db, WorkerMarks.STORED_EVERY_SENT_PAGE);
    }

    private List<PageMessage> remapPages() {
        List<PageMessage> pages = new ArrayList<>();
        for (var record : Topics.readAll(kafka, topic)) {
            try {
                PageMessage page = json.readValue(record.value(), PageMessage.class);
                if (page.remapBefore() != null) {
                    pages.add(page);
                }
            } catch (Exception e) {
                throw new AssertionError("the dispatcher wrote an unreadable page: " + record.value(), e);
            }
        }
        return pages;
    }

    private long count(String sql) throws SQLException {
        return Sql.number(db, sql);
    }

    private static RequestSpecification control() {
        return given().header("Authorization", "Bearer test-token");
    }
}
