package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RunResourceTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);
    private static final String RESULTS_WITHOUT_SOURCE = "SELECT COUNT(*) FROM doc_ent_map m"
            + " WHERE NOT EXISTS (SELECT 1 FROM source_data s WHERE s.mid = m.doc_id)";

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resume() {
        control().post("/api/dispatch/resume").then().statusCode(200);
    }

    @Test
    void progressCountsMatchTheDatabase() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "progress", 10, i -> "text " + i);
        }
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time) VALUES"
                + " ('progress-0', '[]', '[]', UTC_TIMESTAMP(3)), ('progress-1', '[]', '[]', UTC_TIMESTAMP(3)),"
                + " ('progress-deleted', '[]', '[]', UTC_TIMESTAMP(3))");
        failure("progress-2", ids.get(2), "mapper-rejected");

        await().atMost(OUTCOME).untilAsserted(() -> reader().get("/api/progress")
                .then()
                .statusCode(200)
                .body("total", equalTo(count("SELECT COUNT(*) FROM source_data")))
                .body("sharedRows", equalTo(0))
                .body("documents", equalTo(count("SELECT COUNT(*) FROM source_data")))
                .body("stored", equalTo(count("SELECT COUNT(*) FROM doc_ent_map")))
                .body("storedWithoutSource", equalTo(count(RESULTS_WITHOUT_SOURCE)))
                .body("failed", equalTo(count("SELECT COUNT(*) FROM doc_failure")))
                .body("failuresByCause.values().sum()", equalTo(count("SELECT COUNT(*) FROM doc_failure")))
                .body(
                        "pending",
                        equalTo(count("SELECT COUNT(*) FROM source_data")
                                - (count("SELECT COUNT(*) FROM doc_ent_map") - count(RESULTS_WITHOUT_SOURCE))
                                - count("SELECT COUNT(*) FROM doc_failure")))
                .body("paused", is(false)));
        assertThat(reader().get("/api/progress").then().extract().jsonPath().getDouble("ratePerSecond"))
                .isGreaterThan(0);
    }

    @Test
    void progressStaysExactWhenLaterCountsReadOnlyTheNewRows() throws Exception {
        // The first count reads whole tables; the counts after it read only past the ids counted before.
        for (int round = 0; round < 4; round++) {
            try (Connection c = db.getConnection()) {
                SourceRows.insert(c, "rounds-" + round, 3, i -> "text " + i);
            }
            execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time) VALUES ('rounds-"
                    + round + "-0', '[]', '[]', UTC_TIMESTAMP(3))");
            await().atMost(OUTCOME).untilAsserted(() -> reader().get("/api/progress")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(count("SELECT COUNT(*) FROM source_data")))
                    .body("stored", equalTo(count("SELECT COUNT(*) FROM doc_ent_map"))));
        }
    }

    @Test
    void progressShowsCommittedRowsWithinTwoSeconds() throws Exception {
        // The figures are counted again every progress-refresh (1 s) and only past the settled ids: rows committed
        // now are in the figures answered at most a refresh and a count later. A 30 s refresh fails this.
        for (int round = 0; round < 3; round++) {
            long before = count("SELECT COUNT(*) FROM source_data");
            try (Connection c = db.getConnection()) {
                SourceRows.insert(c, "lag-" + round, 5, i -> "text " + i);
            }
            long committed = System.nanoTime();
            await().atMost(OUTCOME)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> reader().get("/api/progress")
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .getLong("total")
                            >= before + 5);
            Duration lag = Duration.ofNanos(System.nanoTime() - committed);
            assertThat(lag).as("progress behind the database, round %d", round).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void failuresArePagedByKeysetAndFilteredByCause() throws Exception {
        for (int i = 0; i < 5; i++) {
            failure("page-f" + i, 800_000 + i, i < 3 ? "malformed-response" : "lease-expired");
        }
        var first = reader().queryParam("cause", "malformed-response")
                .queryParam("limit", 2)
                .get("/api/failures")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("next", equalTo("page-f1"))
                .extract();
        assertThat(first.jsonPath().getList("items.docId", String.class)).containsExactly("page-f0", "page-f1");
        reader().queryParam("cause", "malformed-response")
                .queryParam("after", "page-f1")
                .queryParam("limit", 2)
                .get("/api/failures")
                .then()
                .statusCode(200)
                .body("items.docId", hasItems("page-f2"))
                .body("items", hasSize(1))
                .body("next", nullValue());
        reader().get("/api/failures/causes").then().statusCode(200).body("'lease-expired'", equalTo(2));
    }

    @Test
    void aDocumentIsLookedUpWithItsRowsItsOutcomeAndThePagesThatCarriedIt() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "lookup", 2, i -> "text " + i);
        }
        execute("INSERT INTO source_data (mid, content, created)"
                + " VALUES ('source_data.id=lookup', 'a mid in the form of a row key', '2026-12-07')");
        long unkeyed = count("SELECT id FROM source_data WHERE mid = 'source_data.id=lookup'");
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM " + PageItems.TABLE + " WHERE source_id IN (" + ids.get(0)
                                + ", " + unkeyed + ")")
                        == 2);
        int pageId = count("SELECT page_id FROM " + PageItems.TABLE + " WHERE source_id = " + ids.get(0));
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, mapper_version)"
                + " VALUES ('lookup-0', '[\"腾讯\"]', '[\"Tencent\"]', 'reference-0123456789ab')");
        failure("lookup-1", ids.get(1), "mapper-rejected");

        reader().get("/api/documents/lookup-0")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("outcome", equalTo("stored"))
                .body("rows[0].sourceId", equalTo(ids.get(0).intValue()))
                .body("rows[0].contentLength", equalTo(6))
                .body("result.canonicalNames", equalTo("[\"Tencent\"]"))
                .body("result.mapperVersion", equalTo("reference-0123456789ab"))
                .body("pages[0].pageId", equalTo(pageId))
                .body("pages[0].origin", equalTo("SCAN"));
        reader().get("/api/documents/lookup-1")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("failed"))
                .body("failure.cause", equalTo("mapper-rejected"));
        // A row whose mid is unusable is its own document, under its source-row key.
        reader().get("/api/documents/source_data.id=" + unkeyed)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("pending"))
                .body("rows[0].sourceId", equalTo((int) unkeyed));
        reader().get("/api/documents/no-such-document")
                .then()
                .statusCode(404)
                .body("detail", containsString("no source row, result or failure has doc_id 'no-such-document'"));
        given().get("/api/documents/lookup-0").then().statusCode(401);
    }

    @Test
    void theHistoryGivesTheOutcomesOfEachMinuteItKeptAndKeepsTheCurrentOne() throws Exception {
        // The total 26 h ago is the reference for the first minute within the last 24 h; a total that fell is none.
        execute("INSERT INTO outcome_minute (minute, outcomes) VALUES"
                + " (UTC_TIMESTAMP() - INTERVAL 26 HOUR - INTERVAL SECOND(UTC_TIMESTAMP()) SECOND, 1000),"
                + " (UTC_TIMESTAMP() - INTERVAL 20 HOUR - INTERVAL SECOND(UTC_TIMESTAMP()) SECOND, 1300),"
                + " (UTC_TIMESTAMP() - INTERVAL 19 HOUR - INTERVAL SECOND(UTC_TIMESTAMP()) SECOND, 1250)");
        List<Integer> outcomes = reader().get("/api/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("outcomes", Integer.class);
        assertThat(outcomes).startsWith(300, 0);
        reader().queryParam("hours", 0)
                .get("/api/history")
                .then()
                .statusCode(400)
                .body("detail", equalTo("hours: must be a whole number from 1 to 168"));
        // The dispatcher's own count keeps the current minute.
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM outcome_minute WHERE minute >= UTC_TIMESTAMP() - INTERVAL 2 MINUTE")
                                >= 1);
    }

    @Test
    void badParametersGet400WithAClearMessage() {
        reader().queryParam("limit", 0)
                .get("/api/failures")
                .then()
                .statusCode(400)
                .body("detail", containsString("limit"));
        reader().queryParam("limit", "many")
                .get("/api/failures")
                .then()
                .statusCode(400)
                .body("detail", equalTo("limit: must be a whole number from 1 to 500"));
        reader().queryParam("cause", "gremlins")
                .get("/api/failures")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown cause 'gremlins'"));
        reader().queryParam("cause", "${x}{max}")
                .get("/api/failures")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown cause '${x}{max}'"));
        control()
                .contentType(ContentType.JSON)
                .body("{\"docIds\":[]}")
                .post("/api/failures/retry")
                .then()
                .statusCode(400)
                .body("detail", containsString("docIds: must list 1 to 500 doc_ids"));
        control()
                .contentType(ContentType.JSON)
                .body("{\"cause\":\"\"}")
                .post("/api/failures/retry")
                .then()
                .statusCode(400)
                .body("detail", containsString("cause: must name a cause"));
        control()
                .contentType(ContentType.JSON)
                .body("{\"all\":true,\"cause\":\"lease-expired\"}")
                .post("/api/failures/retry")
                .then()
                .statusCode(400)
                .body("detail", containsString("exactly one"));
        control()
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/failures/retry")
                .then()
                .statusCode(400);
    }

    @Test
    void controlCallsWithoutTheRightCredentialGet401AndChangeNothing() throws Exception {
        failure("guarded", 700_001, "mapper-rejected");
        for (String path : List.of("/api/dispatch/pause", "/api/dispatch/resume")) {
            given().post(path).then().statusCode(401).body("detail", containsString("credential"));
            given().header("Authorization", "Bearer wrong").post(path).then().statusCode(401);
        }
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body("{\"all\":true}")
                .post("/api/failures/retry")
                .then()
                .statusCode(401);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'guarded'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM dispatch_control WHERE paused")).isZero();
    }

    @Test
    void readsNeedTheReadOrTheControlTokenAndTheReadTokenControlsNothing() throws Exception {
        for (String path : List.of("/api/progress", "/api/failures", "/api/failures/causes")) {
            given().get(path).then().statusCode(401).body("detail", containsString("credential"));
            given().header("Authorization", "Bearer wrong").get(path).then().statusCode(401);
            reader().get(path).then().statusCode(200);
            control().get(path).then().statusCode(200);
        }
        reader().post("/api/dispatch/pause").then().statusCode(401);
        assertThat(count("SELECT COUNT(*) FROM dispatch_control WHERE paused")).isZero();
    }

    @Test
    void theAuditLogNamesTheConnectionNotAClientSentForwardedFor() throws Exception {
        control()
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Docmap-Operator", "mallory")
                .post("/api/dispatch/pause")
                .then()
                .statusCode(200);

        try (Connection c = db.getConnection();
                var rs = c.createStatement().executeQuery("SELECT changed_by FROM dispatch_control")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("mallory from ").doesNotContain("203.0.113.9");
        }
    }

    @Test
    void pauseStopsDispatchUntilResumeAndSurvivesInTheDatabase() throws Exception {
        control()
                .header("X-Docmap-Operator", "alice")
                .post("/api/dispatch/pause")
                .then()
                .statusCode(200)
                .body("paused", is(true));
        assertThat(count("SELECT COUNT(*) FROM dispatch_control WHERE paused AND changed_by LIKE 'alice%'"))
                .isEqualTo(1);
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "paused", 3, i -> "text " + i);
        }
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        count("SELECT COUNT(*) FROM " + PageItems.TABLE + " WHERE source_id = " + ids.get(0)) == 0);

        control().post("/api/dispatch/resume").then().statusCode(200).body("paused", is(false));
        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COUNT(*) FROM " + PageItems.TABLE + " WHERE source_id = " + ids.get(2)) == 1);
    }

    @Test
    void retryByCauseSendsThoseDocumentsAgain() throws Exception {
        long id;
        try (Connection c = db.getConnection()) {
            id = SourceRows.insert(c, "retried", 1, i -> "text").get(0);
        }
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM " + PageItems.TABLE + " WHERE source_id = " + id) == 1);
        failure("retried-0", id, "lease-expired");

        control()
                .contentType(ContentType.JSON)
                .body("{\"cause\":\"lease-expired\"}")
                .post("/api/failures/retry")
                .then()
                .statusCode(200)
                .body("retried", equalTo(1));
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'retried-0'"))
                .isZero();
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM " + PageItems.TABLE
                                + " JOIN dispatch_page p ON p.page_id = i.page_id" + " WHERE i.source_id = " + id
                                + " AND p.origin = 'SWEEP'")
                        == 1);
    }

    @Test
    void aRetryOfManyFailuresGoesInBatchesAndABatchThatFailsKeepsThoseBefore() throws Exception {
        // 1,500 failures: two batches, the second holding 'batched-999', the last in doc_id order, whose deletion
        // the database refuses.
        execute("INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at,"
                + " last_failed_at) SELECT CONCAT('batched-', seq), 900000000 + seq, 'result-too-large', 'test', 1,"
                + " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM seq_0_to_1499");
        execute("CREATE TRIGGER refuse_batched_999 BEFORE DELETE ON doc_failure FOR EACH ROW BEGIN"
                + " IF OLD.doc_id = 'batched-999' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused';"
                + " END IF; END");
        try {
            control()
                    .contentType(ContentType.JSON)
                    .body("{\"cause\":\"result-too-large\"}")
                    .post("/api/failures/retry")
                    .then()
                    .statusCode(503)
                    .body("detail", containsString("stopped after 1000 documents were handed back"));
            assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE cause = 'result-too-large'"))
                    .as("the second batch, rolled back")
                    .isEqualTo(500);
        } finally {
            execute("DROP TRIGGER refuse_batched_999");
        }
        control()
                .contentType(ContentType.JSON)
                .body("{\"cause\":\"result-too-large\"}")
                .post("/api/failures/retry")
                .then()
                .statusCode(200)
                .body("retried", equalTo(500));
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE cause = 'result-too-large'"))
                .isZero();
    }

    @Test
    void healthReportsReadinessOfTheDatabaseAndKafkaAndMetricsAreExposed() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        // The backlog gauge reads the progress figures, from the first count within a second of start-up.
        await().atMost(OUTCOME).untilAsserted(() -> {
            long pending =
                    reader().get("/api/progress").then().extract().jsonPath().getLong("pending");
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("docmap_pages_dispatched_total");
            // The alert on no leading dispatcher reads it (k8s/components/monitoring).
            assertThat(gauge(metrics, "docmap_dispatcher_leader")).isEqualTo(1);
            assertThat(gauge(metrics, "docmap_documents_pending")).isEqualTo(pending);
        });
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/failures/retry"));
        // What the status page's Service is ready on: the dispatcher answers, whatever else is out.
        given().get("/q/health/group/serving").then().statusCode(200).body(containsString("status page and API"));
    }

    @Test
    void aPageWhoseAttemptsKeepFailingIsReportedStuckWithItsLastErrorUntilItIsDone() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "stuck", 2, i -> "text " + i);
        }
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM dispatch_page p JOIN " + PageItems.TABLE
                                + " ON i.page_id = p.page_id" + " WHERE i.source_id = " + ids.get(0)
                                + " AND p.state = 'SENT'")
                        == 1);
        int pageId = count("SELECT page_id FROM " + PageItems.TABLE + " WHERE source_id = " + ids.get(0));
        // What a worker writes after its fourth failed attempt in a row; stuck-after is 3.
        execute("INSERT INTO page_attempt (page_id, send_count, worker, attempts, failures, taken_at, failing_since,"
                + " last_error, last_failed_at) SELECT page_id, send_count, '7@worker-0', 4, 4, UTC_TIMESTAMP(3),"
                + " UTC_TIMESTAMP(3), 'mapper answered 503', UTC_TIMESTAMP(3) FROM dispatch_page WHERE page_id = "
                + pageId);

        await().atMost(OUTCOME).untilAsserted(() -> {
            reader().get("/api/progress")
                    .then()
                    .statusCode(200)
                    .body("stuckPages", equalTo(1))
                    .body("stuck[0].pageId", equalTo(pageId))
                    .body("stuck[0].failures", equalTo(4))
                    .body("stuck[0].worker", equalTo("7@worker-0"))
                    .body("stuck[0].lastError", equalTo("mapper answered 503"))
                    .body("stuck[0].failingSince", notNullValue());
            assertThat(gauge(given().get("/q/metrics").then().extract().asString(), "docmap_pages_stuck"))
                    .isEqualTo(1);
        });

        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES"
                + " ('stuck-0', '[]', '[]'), ('stuck-1', '[]', '[]')");
        await().atMost(OUTCOME).untilAsserted(() -> reader().get("/api/progress")
                .then()
                .body("stuckPages", equalTo(0))
                .body("stuck", hasSize(0)));
        assertThat(count("SELECT COUNT(*) FROM page_attempt WHERE page_id = " + pageId))
                .isZero();
    }

    /** The value of an unlabelled gauge in a Prometheus scrape, or NaN when the scrape leaves it out. */
    private static double gauge(String scrape, String name) {
        Matcher line =
                Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
    }

    private static RequestSpecification reader() {
        return given().header("Authorization", "Bearer test-read-token");
    }

    private static RequestSpecification control() {
        return given().header("Authorization", "Bearer test-token");
    }

    private void failure(String docId, long sourceId, String cause) throws SQLException {
        execute(
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at) VALUES ('"
                        + docId + "', " + sourceId + ", '" + cause
                        + "', 'test', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    }

    /** An int, as the JSON figures it is compared with. */
    private int count(String sql) throws SQLException {
        return (int) Sql.number(db, sql);
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(db, sql);
    }
}
