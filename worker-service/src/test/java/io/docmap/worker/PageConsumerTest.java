package io.docmap.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.PageRecords;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapperResource;
import io.docmap.testing.Topics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class PageConsumerTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.dlq-topic")
    String dlqTopic;

    @ConfigProperty(name = "docmap.worker-group")
    String group;

    @Test
    void pageIsMappedInBatchesAndEveryDocumentStoredOnce() throws Exception {
        List<Long> ids = insert("batch", 40);
        int requestsBefore = mapper.requests();
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 1, ids)).awaitCompletion();

        await().atMost(OUTCOME).until(() -> results("batch-%") == 40);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT m.ent_list_str, m.mapped_list_str, d.content FROM doc_ent_map m"
                        + " JOIN source_data d ON d.mid = m.doc_id WHERE m.doc_id LIKE 'batch-%'")) {
            while (rs.next()) {
                String first = rs.getString(3).split(" ")[0];
                assertThat(rs.getString(1)).isEqualTo("[\"" + first + "\"]");
                assertThat(rs.getString(2)).isEqualTo("[\"" + first.toUpperCase() + "\"]");
            }
        }
        // 40 documents in batches of 16 make three mapper calls.
        assertThat(mapper.requests() - requestsBefore).isEqualTo(3);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("docmap_documents_stored_total"))
                .body(containsString("docmap_mapper_call_duration_seconds_bucket"))
                .body(containsString("docmap_page_duration_seconds_bucket"))
                .body(containsString("docmap_worker_pages_in_flight"))
                .body(containsString("docmap_mapper_calls_in_flight"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.name",
                        hasItems("Kafka connection health check", "Reactive MySQL connections health check"));
    }

    @Test
    void redeliveredPageStoresNoDuplicateAndCallsTheMapperOncePerDocument() throws Exception {
        List<Long> ids = insert("twice", 30);
        kafka.produceStrings().fromRecords(PageRecords.of(topic, 0, 2, ids)).awaitCompletion();
        await().atMost(OUTCOME).until(() -> results("twice-%") == 30);
        long second = kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, 0, 2, ids))
                .awaitCompletion()
                .lastOffset();
        await().atMost(OUTCOME).until(() -> committed(0) > second);

        assertThat(results("twice-%")).isEqualTo(30);
        assertThat(count("SELECT COUNT(DISTINCT doc_id) FROM doc_ent_map WHERE doc_id LIKE 'twice-%'"))
                .isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(mapper.callsFor("twice-" + i))
                    .as("mapper calls for twice-%d", i)
                    .isEqualTo(1);
        }
    }

    @Test
    void recordIsAcknowledgedOnlyAfterItsPageCommitted() throws Exception {
        List<Long> blocked = insert("blocked", 5);
        List<Long> free = insert("free", 5);
        execute("CREATE TRIGGER block_page BEFORE INSERT ON doc_ent_map FOR EACH ROW"
                + " IF NEW.doc_id LIKE 'blocked-%' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'commit refused by test';"
                + " END IF");
        long blockedOffset = kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, 1, 3, blocked))
                .awaitCompletion()
                .lastOffset();
        kafka.produceStrings().fromRecords(PageRecords.of(topic, 1, 4, free)).awaitCompletion();

        // The later page commits and is acknowledged, but the committed offset cannot pass the page whose
        // transaction keeps failing: it was never acknowledged.
        await().atMost(OUTCOME).until(() -> results("free-%") == 5);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> committed(1) <= blockedOffset);
        assertThat(results("blocked-%")).isZero();

        execute("DROP TRIGGER block_page");
        await().atMost(OUTCOME).until(() -> results("blocked-%") == 5);
        await().atMost(OUTCOME).until(() -> committed(1) == blockedOffset + 2);
    }

    @Test
    void eachResultRecordsTheVersionOfTheMapperItCameFrom() throws Exception {
        try {
            mapper.version("stand-in-7");
            kafka.produceStrings()
                    .fromRecords(PageRecords.of(topic, null, 31, insert("v7", 3)))
                    .awaitCompletion();
            await().atMost(OUTCOME).until(() -> results("v7-%") == 3);

            mapper.version(null);
            kafka.produceStrings()
                    .fromRecords(PageRecords.of(topic, null, 32, insert("vnone", 2)))
                    .awaitCompletion();
            await().atMost(OUTCOME).until(() -> results("vnone-%") == 2);

            mapper.version("x".repeat(65));
            kafka.produceStrings()
                    .fromRecords(PageRecords.of(topic, null, 33, insert("vbad", 2)))
                    .awaitCompletion();
            await().atMost(OUTCOME).until(() -> results("vbad-%") == 2);
        } finally {
            mapper.version(null);
        }
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'v7-%' AND mapper_version = 'stand-in-7'"))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'vnone-%' AND mapper_version IS NULL"))
                .as("a mapper that names no version: unknown")
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'vbad-%' AND mapper_version IS NULL"))
                .as("a version that is not one: unknown, and the results stored all the same")
                .isEqualTo(2);
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterTopicAndConsumptionContinues() throws Exception {
        List<Long> ids = insert("after-garbage", 3);
        kafka.produceStrings()
                .fromRecords(
                        new ProducerRecord<>(topic, 2, "g1", "this is not json"),
                        new ProducerRecord<>(topic, 2, "g2", "{\"v\":99,\"pageId\":5,\"ids\":[1]}"),
                        new ProducerRecord<>(topic, 2, "g3", "{\"v\":1,\"pageId\":6,\"ids\":[]}"),
                        PageRecords.of(topic, 2, 7, ids))
                .awaitCompletion();

        await().atMost(OUTCOME).until(() -> results("after-garbage-%") == 3);
        kafka.consumeStrings().fromTopics(dlqTopic, 3).awaitCompletion(OUTCOME);
        var dead = Topics.readAll(kafka, dlqTopic);
        assertThat(dead).extracting(r -> r.key()).containsExactlyInAnyOrder("g1", "g2", "g3");
        assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader("dead-letter-reason"))
                .isNotNull());
        // The alert on dead-letter growth reads this counter (k8s/components/monitoring).
        given().get("/q/metrics").then().statusCode(200).body(containsString("docmap_pages_dead_lettered_total 3.0"));
    }

    @Test
    void badDocumentsEachGetADefinedOutcomeAndTheirNeighboursAreStored() throws Exception {
        String[] texts = {
            null,
            "",
            "big " + "长文本".repeat(5 * 1024 * 1024 / 9),
            "😀腾讯\u0007\u0000\u001f end",
            "rejected by the mapper",
            "answered with garbage",
            "ok neighbour"
        };
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "bad", texts.length, i -> texts[i]);
        }
        mapper.script(docIds -> {
            if (docIds.contains("bad-4")) {
                return StandInMapper.Answer.of(422, "{\"detail\":\"text not accepted\"}");
            }
            return docIds.contains("bad-5") ? StandInMapper.Answer.of(200, "<html>oops</html>") : null;
        });
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 8, ids)).awaitCompletion();

        await().atMost(OUTCOME)
                .until(() ->
                        results("bad-%") + count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'bad-%'") == 7);
        mapper.script(docIds -> null);
        assertThat(stored("bad-0")).isEqualTo("[]");
        assertThat(stored("bad-1")).isEqualTo("[]");
        assertThat(stored("bad-2")).isEqualTo("[\"big\"]");
        assertThat(json.readValue(stored("bad-3"), String[].class)).containsExactly("😀腾讯\u0007\u0000\u001f");
        assertThat(stored("bad-6")).isEqualTo("[\"ok\"]");
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'bad-4' AND cause = 'mapper-rejected'"
                        + " AND message LIKE '%text not accepted%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'bad-5' AND cause = 'malformed-response'"
                        + " AND message LIKE '%not JSON%'"))
                .isEqualTo(1);
    }

    @Test
    void anEndpointThatAnswersHtmlToEveryCallFailsNoDocumentAndIsReportedUntilTheMapperAnswers() throws Exception {
        List<Long> ids = insert("misrouted", 5);
        long pageId = 900_020;
        sentPage(pageId, 1, ids);
        mapper.script(docIds -> StandInMapper.Answer.of(200, "<html><head><title>Sign in to the proxy</title>"));
        kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, null, pageId, ids))
                .awaitCompletion();

        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM page_attempt WHERE page_id = " + pageId
                                + " AND failures >= 2 AND last_error LIKE '%none with a result%'"
                                + " AND last_error LIKE '%Sign in to the proxy%'")
                        == 1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'misrouted-%'"))
                .isZero();

        mapper.script(docIds -> null);
        await().atMost(OUTCOME).until(() -> results("misrouted-%") == 5);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'misrouted-%'"))
                .isZero();
    }

    @Test
    void answerLackingADocumentOrWithWrongTypesFailsOnlyThoseDocuments() throws Exception {
        List<Long> ids = insert("partial", 3);
        mapper.script(docIds -> docIds.contains("partial-0")
                ? StandInMapper.Answer.of(
                        200,
                        "[{\"doc_id\":\"partial-1\",\"ent_list\":[1],\"maaped_ent\":[]},"
                                + "{\"doc_id\":\"partial-2\",\"ent_list\":[\"a\"],\"maaped_ent\":[\"A\"]},"
                                + "{\"doc_id\":\"nobody-asked\",\"ent_list\":[],\"maaped_ent\":[]}]")
                : null);
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 9, ids)).awaitCompletion();

        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'partial-%'") == 2);
        mapper.script(docIds -> null);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'partial-0' AND message LIKE '%lacks doc_id%'"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'partial-1' AND message LIKE '%arrays of strings%'"))
                .isEqualTo(1);
        assertThat(stored("partial-2")).isEqualTo("[\"a\"]");
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'nobody-asked'"))
                .isZero();
    }

    @Test
    void everyAttemptTakesThePageForItsLatestSendAndAFailedAttemptLeavesItsError() throws Exception {
        List<Long> ids = insert("taken", 4);
        long pageId = 900_010;
        sentPage(pageId, 2, ids);
        mapper.script(
                docIds -> docIds.contains("taken-0") ? StandInMapper.Answer.of(503, "{\"detail\":\"down\"}") : null);
        kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, null, pageId, ids))
                .awaitCompletion();

        await().atMost(OUTCOME)
                .until(() ->
                        count("SELECT COALESCE(MAX(failures), 0) FROM page_attempt WHERE page_id = ?", pageId) >= 2);
        assertThat(count(
                        "SELECT COUNT(*) FROM page_attempt WHERE page_id = ? AND send_count = 2 AND attempts >= 2"
                                + " AND worker LIKE '%@%' AND failing_since <= last_failed_at",
                        pageId))
                .isEqualTo(1);
        // The mapper client's circuit breaker opens after some calls, and then names itself instead.
        assertThat(Sql.text(db, "SELECT last_error FROM page_attempt WHERE page_id = ?", pageId))
                .containsAnyOf("mapper answered 503", "circuit breaker");
        assertThat(results("taken-%")).isZero();
        mapper.script(docIds -> null);

        await().atMost(OUTCOME).until(() -> results("taken-%") == 4);
        long attempts = count("SELECT attempts FROM page_attempt WHERE page_id = ?", pageId);
        assertThat(attempts)
                .as("the attempt that stored the page took it too")
                .isGreaterThan(count("SELECT COALESCE(MAX(failures), 0) FROM page_attempt WHERE page_id = ?", pageId));
    }

    private String stored(String docId) throws SQLException {
        try (Connection c = db.getConnection();
                var s = c.prepareStatement("SELECT ent_list_str FROM doc_ent_map WHERE doc_id = ?")) {
            s.setString(1, docId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private List<Long> insert(String prefix, int count) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SourceRows.insert(c, prefix, count, i -> "word" + i + " 腾讯 text of " + prefix + " 😀");
        }
    }

    private long results(String midPattern) throws SQLException {
        return count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE '" + midPattern + "'");
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }

    /** The dispatcher's record of a page at its send {@code sends}, as the workers' takes and failures need it. */
    private void sentPage(long pageId, int sends, List<Long> ids) throws SQLException {
        execute("INSERT INTO dispatch_page (page_id, origin, first_source_id, last_source_id, doc_count, state,"
                + " send_count, recorded_at, sent_at) VALUES (" + pageId + ", 'SCAN', " + ids.get(0) + ", "
                + ids.get(ids.size() - 1) + ", " + ids.size() + ", 'SENT', " + sends
                + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(db, sql);
    }

    private long committed(int partition) throws ExecutionException, InterruptedException {
        return Topics.committed(kafka, group, topic, partition);
    }
}
