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

import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.LegacyDatabaseTestResource;
import io.docmap.testing.PageRecords;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapperResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docmap.store.list-format=comma on the old pipeline's table, for readers that parse its format. */
@QuarkusTest
@TestProfile(CommaListsTest.CommaFormat.class)
@QuarkusTestResource(value = LegacyDatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class CommaListsTest {

    public static class CommaFormat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docmap.store.list-format", "comma");
        }
    }

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void listsAreCommaJoinedUnlessANameHoldsAComma() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "comma", 3, i -> "text " + i);
        }
        mapper.script(
                docIds -> StandInMapper.Answer.of(
                        200,
                        """
                [{"doc_id":"comma-0","ent_list":["北京","上海"],"maaped_ent":["Beijing","Shanghai"]},
                 {"doc_id":"comma-1","ent_list":["Foo, Inc."],"maaped_ent":["Foo, Inc."]},
                 {"doc_id":"comma-2","ent_list":[],"maaped_ent":[]}]"""));
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 1, ids)).awaitCompletion();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> Sql.number(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'comma-%'") == 3);
        assertThat(stored("comma-0")).isEqualTo("北京,上海|Beijing,Shanghai");
        assertThat(stored("comma-1")).isEqualTo("[\"Foo, Inc.\"]|[\"Foo, Inc.\"]");
        assertThat(stored("comma-2")).isEqualTo("|");
    }

    private String stored(String docId) throws SQLException {
        try (Connection c = db.getConnection();
                var s = c.prepareStatement(
                        "SELECT CONCAT(ent_list_str, '|', mapped_list_str) FROM doc_ent_map WHERE doc_id = ?")) {
            s.setString(1, docId);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
