package io.docmap.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.LegacyDatabaseTestResource;
import io.docmap.testing.PageRecords;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapperResource;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker on the old pipeline's tables, with the rows that pipeline left. */
@QuarkusTest
@QuarkusTestResource(value = LegacyDatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class LegacyRowsTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    /** The first page: usable mids, unusable ones, a mid shared by three rows, and one the old pipeline mapped. */
    private static final List<String> PAGE_MIDS = Arrays.asList(
            "ok-0",
            null,
            "shared",
            "",
            "ok-1",
            "shared",
            "   ",
            "x".repeat(60),
            "source_data.id=1",
            "shared",
            "old-0",
            "ok-2");

    private static final int UNUSABLE = 5;

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.worker-group")
    String group;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void unusableMidsFailAloneSharedMidsAreMappedOnceAndOldResultsStay() throws Exception {
        List<Long> ids = insert(PAGE_MIDS);
        execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, create_time)"
                + " VALUES ('old-0', '北京,上海', 'Beijing,Shanghai', '2025-01-01 00:00:00')");

        kafka.produceStrings().fromRecords(PageRecords.of(topic, 0, 1, ids)).awaitCompletion();
        await().atMost(OUTCOME)
                .until(() -> count(
                                "SELECT COUNT(*) FROM doc_failure WHERE source_id BETWEEN ? AND ?",
                                ids.get(0),
                                ids.get(ids.size() - 1))
                        == UNUSABLE);
        await().atMost(OUTCOME).until(() -> results() == 5);

        List<Long> later = insert(Arrays.asList("shared", "ok-3"));
        kafka.produceStrings().fromRecords(PageRecords.of(topic, 0, 2, later)).awaitCompletion();
        await().atMost(OUTCOME).until(() -> results() == 6);

        for (int i : List.of(1, 3, 6, 7, 8)) {
            assertThat(count(
                            "SELECT COUNT(*) FROM doc_failure WHERE doc_id = ? AND source_id = ? AND cause = 'invalid-doc-id'",
                            "source_data.id=" + ids.get(i),
                            ids.get(i)))
                    .as("failure of row %d, mid [%s]", i, PAGE_MIDS.get(i))
                    .isEqualTo(1);
        }
        assertThat(messages())
                .anyMatch(m -> m.contains("NULL"))
                .anyMatch(m -> m.contains("empty"))
                .anyMatch(m -> m.contains("60 characters"))
                .anyMatch(m -> m.contains("row key"));
        assertThat(mapper.callsFor("shared")).isEqualTo(1);
        assertThat(mapper.callsFor("old-0")).isZero();
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'old-0' AND ent_list_str = '北京,上海'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map m JOIN doc_failure f ON f.doc_id = m.doc_id"))
                .isZero();
    }

    @Test
    void aRedeliveredPageWithUnusableMidsCallsTheMapperForNothing() throws Exception {
        List<Long> ids = insert(Arrays.asList(null, "again-0", ""));
        kafka.produceStrings().fromRecords(PageRecords.of(topic, 1, 3, ids)).awaitCompletion();
        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM doc_failure WHERE source_id IN (?, ?)", ids.get(0), ids.get(2))
                        == 2);
        int callsBefore = mapper.totalDocumentCalls();
        long second = kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, 1, 3, ids))
                .awaitCompletion()
                .lastOffset();
        await().atMost(OUTCOME).until(() -> committed(1) > second);
        assertThat(mapper.totalDocumentCalls()).isEqualTo(callsBefore);
        assertThat(count("SELECT attempts FROM doc_failure WHERE source_id = ?", ids.get(0)))
                .isEqualTo(1);
    }

    @Test
    void aResultTooLongForTheOldTextColumnsFailsAloneAndItsNeighbourIsStored() throws Exception {
        List<Long> ids = insert(Arrays.asList("huge-result", "beside-huge"));
        // The stand-in mapper answers a text's first word as its entity: 40,000 quotes, which fit the TEXT content
        // column, and take 80,004 bytes as a JSON list, over the TEXT list columns' 65,535.
        execute("UPDATE source_data SET content = CONCAT(REPEAT('\"', 40000), ' tail') WHERE id = " + ids.get(0));
        kafka.produceStrings().fromRecords(PageRecords.of(topic, 0, 4, ids)).awaitCompletion();

        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'beside-huge'") == 1);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'huge-result' AND cause = 'result-too-large'"
                        + " AND message LIKE '%80004 bytes%65535%LONGTEXT%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'huge-result'"))
                .isZero();
    }

    private List<Long> insert(List<String> mids) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO source_data (mid, content, created) VALUES (?, ?, '2025-01-01')",
                        Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < mids.size(); i++) {
                insert.setString(1, mids.get(i));
                insert.setString(2, "word" + i + " 腾讯 😀");
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    private long results() throws SQLException {
        return count(
                "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id IN ('ok-0', 'ok-1', 'ok-2', 'ok-3', 'shared', 'old-0')");
    }

    private List<String> messages() throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT message FROM doc_failure")) {
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
        }
        return messages;
    }

    private long committed(int partition) throws Exception {
        return Topics.committed(kafka, group, topic, partition);
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(db, sql);
    }
}
