package io.docmap.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A page's texts go to the mapper within the worker's byte budgets, at sizes small enough to count. */
@QuarkusTest
@TestProfile(TextBudgetTest.SmallBudgets.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class TextBudgetTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docmap.worker.max-document-bytes", "64K", "docmap.worker.page-bytes", "256K");
        }
    }

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void textsOverTheLimitFailAloneUnreadAndThePageGoesToTheMapperInSlicesWithinItsBudget() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            // 100 KB each: over max-document-bytes.
            ids.addAll(SourceRows.insert(c, "huge", 3, i -> "huge" + i + " " + "长".repeat(100 * 1024 / 3)));
            // 30 KB each, 600 KB in all: more than one page's budget.
            ids.addAll(SourceRows.insert(c, "sized", 20, i -> "sized" + i + " " + "x".repeat(30 * 1024)));
        }
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 1, ids)).awaitCompletion();

        await().atMost(OUTCOME)
                .until(() -> count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'sized-%'")
                                + count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'huge-%'")
                        == 23);
        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'sized-%'"))
                .isEqualTo(20);
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'huge-%' AND cause = 'too-large'"
                        + " AND message LIKE '%bytes is over max-document-bytes (65,536)%'"))
                .isEqualTo(3);
        assertThat(mapper.callsFor("huge-0") + mapper.callsFor("huge-1") + mapper.callsFor("huge-2"))
                .isZero();
        assertThat(mapper.largestRequestBytes())
                .as("one slice's texts at most, with their JSON")
                .isBetween(30 * 1024, 256 * 1024 + 2048);
    }

    private long count(String sql) throws SQLException {
        return Sql.number(db, sql);
    }
}
