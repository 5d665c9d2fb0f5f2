package io.docmap.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two attempts at one page that overlap, with the mapper answering them differently: a document must end in one
 * table, whichever attempt finishes last.
 */
@QuarkusTest
@TestProfile(OverlappingAttemptsTest.ShortPageTimeout.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class OverlappingAttemptsTest {

    public static class ShortPageTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docmap.worker.page-timeout", "5s");
        }
    }

    private static final Duration OUTCOME = Duration.ofSeconds(60);

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
    void aRefusalThatComesAfterTheOtherDeliveryStoredItsResultLeavesTheResultAlone() throws Exception {
        long id = insert("twice-answered");
        // Whichever delivery calls first is refused, but only once the other one has stored its result.
        mapper.script(docIds -> docIds.contains("twice-answered-0") && mapper.callsFor("twice-answered-0") == 1
                ? StandInMapper.Answer.held(422, "{\"detail\":\"refused the first time\"}")
                : null);
        // The same page delivered twice, as a producer retry or a replay would.
        long second = kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, 0, 1, List.of(id)), PageRecords.of(topic, 0, 1, List.of(id)))
                .awaitCompletion()
                .lastOffset();

        await().atMost(OUTCOME).until(() -> results("twice-answered-0") == 1);
        mapper.releaseHeld();
        await().atMost(OUTCOME).until(() -> committed(0) > second);

        assertThat(mapper.callsFor("twice-answered-0")).isEqualTo(2);
        assertThat(results("twice-answered-0")).isEqualTo(1);
        assertThat(failures("twice-answered-0")).isZero();
    }

    @Test
    void anAttemptAbandonedAtThePageTimeoutIsCancelledAndStoresNothing() throws Exception {
        long id = insert("abandoned");
        // The first call is answered only after the attempt after it was refused.
        mapper.script(docIds -> {
            if (!docIds.contains("abandoned-0")) {
                return null;
            }
            return mapper.callsFor("abandoned-0") == 1
                    ? StandInMapper.Answer.held(200, null)
                    : StandInMapper.Answer.of(422, "{\"detail\":\"refused\"}");
        });
        int answeredBefore = mapper.answered();
        kafka.produceStrings()
                .fromRecords(PageRecords.of(topic, 1, 2, List.of(id)))
                .awaitCompletion();

        await().atMost(OUTCOME).until(() -> failures("abandoned-0") == 1);
        mapper.releaseHeld();
        await().atMost(OUTCOME).until(() -> mapper.answered() - answeredBefore == 2);
        // The late answer is out; an attempt still running would store it now.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> results("abandoned-0") == 0);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'abandoned-0' AND cause = 'mapper-rejected'"))
                .isEqualTo(1);
        assertThat(mapper.callsFor("abandoned-0")).isEqualTo(2);
    }

    private long insert(String prefix) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SourceRows.insert(c, prefix, 1, i -> "word" + i + " of " + prefix)
                    .get(0);
        }
    }

    private long results(String docId) throws SQLException {
        return count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = ?", docId);
    }

    private long failures(String docId) throws SQLException {
        return count("SELECT COUNT(*) FROM doc_failure WHERE doc_id = ?", docId);
    }

    private long committed(int partition) throws Exception {
        return Topics.committed(kafka, group, topic, partition);
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }
}
