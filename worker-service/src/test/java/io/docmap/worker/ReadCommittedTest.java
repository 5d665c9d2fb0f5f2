package io.docmap.worker;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.docmap.common.FailureCause;
import io.docmap.common.vertx.FreshContexts;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapperResource;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;
import io.docmap.worker.persistence.outcomes.OutcomeStore;
import io.docmap.worker.persistence.schema.Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a server whose default isolation is READ COMMITTED, two attempts at a page overlap: one is storing a document's
 * result, the other records the document as failed. The failure waits for the result and is not written beside it,
 * because the worker's connections run at REPEATABLE READ whatever the server's default.
 */
@QuarkusTest
@QuarkusTestResource(value = ReadCommittedServer.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class ReadCommittedTest {

    private static final Duration OUTCOME = Duration.ofSeconds(30);

    @Inject
    OutcomeStore store;

    @Inject
    AgroalDataSource db;

    @Inject
    Vertx vertx;

    @Inject
    Schema schema;

    /** The store sizes its statements from the schema's facts, which the worker reads once it has started. */
    @BeforeEach
    void schemaRead() {
        await().atMost(Duration.ofSeconds(30)).until(() -> schema.waitingFor().isEmpty());
    }

    @Test
    void aFailureWaitsForAResultBeingStoredAndIsNotWrittenBesideIt() throws Exception {
        assertThat(Sql.text(db, "SELECT @@global.tx_isolation")).isEqualTo("READ-COMMITTED");
        SourceDocument doc = new SourceDocument(7L, "raced", "text".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<MappingOutcome> failing = new CompletableFuture<>();
        try (Connection storing = db.getConnection()) {
            storing.setAutoCommit(false);
            try (PreparedStatement result = storing.prepareStatement(
                    "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) VALUES (?, '[]', '[]')")) {
                result.setString(1, doc.mid());
                result.executeUpdate();
            }

            MappingOutcome failed = new MappingOutcome(
                    List.of(), List.of(new DocumentFailure(doc, FailureCause.MAPPER_REJECTED, "refused")));
            FreshContexts.create(vertx)
                    .runOnContext(ignored ->
                            store.save(1L, failed).subscribe().with(failing::complete, failing::completeExceptionally));
            // At READ COMMITTED the failure's check would read past the uncommitted result, and be done at once.
            await().atMost(OUTCOME).until(() -> failing.isDone() || ReadCommittedServer.waitingForALock() > 0);
            storing.commit();
        }
        failing.get(OUTCOME.toSeconds(), TimeUnit.SECONDS);

        assertThat(Sql.number(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = 'raced'"))
                .isEqualTo(1);
        assertThat(Sql.number(db, "SELECT COUNT(*) FROM doc_failure WHERE doc_id = 'raced'"))
                .as("a failure beside the result")
                .isZero();
    }
}
