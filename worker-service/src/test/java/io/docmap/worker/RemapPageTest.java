package io.docmap.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

/**
 * A re-map's page maps again the documents whose results were stored before the re-map, and replaces each result in
 * place; a document the mapper now refuses keeps its result, and one re-mapped already is not sent again.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class RemapPageTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aRemapPageReplacesOlderResultsAndKeepsThoseTheMapperRefuses() throws Exception {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "remap", 3, i -> List.of("alpha one", "beta two", "gamma three")
                    .get(i));
        }
        mapper.version("v1");
        kafka.produceStrings().fromRecords(PageRecords.of(topic, null, 1, ids)).awaitCompletion();
        await().atMost(OUTCOME).until(() -> count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'remap-%'") == 3);
        Instant remapped = Instant.now();
        // remap-2's result counts as stored after the re-map began: re-mapped already.
        Sql.execute(
                db, "UPDATE doc_ent_map SET create_time = UTC_TIMESTAMP(3) + INTERVAL 1 HOUR WHERE doc_id = 'remap-2'");

        mapper.version("v2");
        mapper.script(docIds -> docIds.contains("remap-1")
                ? StandInMapper.Answer.of(422, "{\"detail\":\"no longer accepted\"}")
                : null);
        kafka.produceStrings()
                .fromRecords(PageRecords.remap(topic, 2, ids, remapped))
                .awaitCompletion();
        await().atMost(OUTCOME).until(() -> "v2".equals(version("remap-0")));

        assertThat(count("SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'remap-%'"))
                .as("results, one per document")
                .isEqualTo(3);
        assertThat(count(
                        "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'remap-0' AND create_time >= ?",
                        LocalDateTime.ofInstant(remapped, ZoneOffset.UTC)))
                .as("remap-0's result stored at its re-map")
                .isOne();
        assertThat(version("remap-1")).as("the refused document's result").isEqualTo("v1");
        assertThat(count("SELECT COUNT(*) FROM doc_failure WHERE doc_id LIKE 'remap-%'"))
                .as("failures recorded")
                .isZero();
        assertThat(mapper.callsFor("remap-2"))
                .as("calls for the document re-mapped already")
                .isOne();

        // Delivered again: the refused document is tried again, the replaced one is not.
        int refusedCalls = mapper.callsFor("remap-1");
        int replacedCalls = mapper.callsFor("remap-0");
        kafka.produceStrings()
                .fromRecords(PageRecords.remap(topic, 2, ids, remapped))
                .awaitCompletion();
        await().atMost(OUTCOME).until(() -> mapper.callsFor("remap-1") > refusedCalls);
        assertThat(mapper.callsFor("remap-0"))
                .as("calls for the replaced document")
                .isEqualTo(replacedCalls);
        assertThat(mapper.callsFor("remap-2"))
                .as("calls for the document re-mapped already")
                .isOne();
    }

    private long count(String sql, Object... params) throws SQLException {
        return Sql.number(db, sql, params);
    }

    private String version(String docId) throws SQLException {
        return Sql.text(db, "SELECT mapper_version FROM doc_ent_map WHERE doc_id = ?", docId);
    }
}
