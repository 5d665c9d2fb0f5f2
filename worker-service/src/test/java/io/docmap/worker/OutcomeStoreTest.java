package io.docmap.worker;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.docmap.common.FailureCause;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapperResource;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.DocumentResult;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;
import io.docmap.worker.persistence.outcomes.DocEntMapRepository;
import io.docmap.worker.persistence.outcomes.DocFailureRepository;
import io.docmap.worker.persistence.outcomes.OutcomeStore;
import io.docmap.worker.persistence.schema.Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class OutcomeStoreTest {

    /** A page the dispatcher never recorded, as a page sent by hand: its outcome is stored all the same. */
    private static final long PAGE = 1L;

    @Inject
    OutcomeStore store;

    @Inject
    AgroalDataSource db;

    @Inject
    DocEntMapRepository results;

    @Inject
    DocFailureRepository failures;

    @Inject
    Schema schema;

    /** The store sizes its statements from the schema's facts, which the worker reads once it has started. */
    @BeforeEach
    void schemaRead() {
        await().atMost(Duration.ofSeconds(30)).until(() -> schema.waitingFor().isEmpty());
    }

    @Test
    @RunOnVertxContext
    void storingADocumentTwiceKeepsOneRowWithTheLatestResult(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(1L, "stored-twice", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(PAGE, result(doc, "first")));
        asserter.execute(() -> store.save(PAGE, result(doc, "second")));
        asserter.assertThat(() -> Panache.withSession(() -> results.list("docId", doc.mid())), rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).entListStr).isEqualTo("[\"second\"]");
            assertThat(rows.get(0).mappedListStr).isEqualTo("[\"SECOND\"]");
        });
    }

    @Test
    @RunOnVertxContext
    void aFailedDocumentThatLaterSucceedsMovesToTheResults(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(2L, "failed-then-stored", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(PAGE, failure(doc)));
        asserter.execute(() -> store.save(PAGE, failure(doc)));
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.findById(doc.mid())),
                row -> assertThat(row.attempts).isEqualTo(2));
        asserter.execute(() -> store.save(PAGE, result(doc, "later")));
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.count("docId", doc.mid())),
                count -> assertThat(count).isZero());
        asserter.assertThat(
                () -> Panache.withSession(() -> results.count("docId", doc.mid())),
                count -> assertThat(count).isEqualTo(1));
    }

    @Test
    @RunOnVertxContext
    void aFailureIsNotWrittenWhereAResultExists(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(3L, "stored-then-failed", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(PAGE, result(doc, "kept")));
        asserter.execute(() -> store.save(PAGE, failure(doc)));
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.count("docId", doc.mid())),
                count -> assertThat(count).isZero());
        asserter.assertThat(() -> Panache.withSession(() -> results.list("docId", doc.mid())), rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).entListStr).isEqualTo("[\"kept\"]");
        });
    }

    @Test
    @RunOnVertxContext
    void anOutcomeRolledBackByALockConflictIsStoredAgain(UniAsserter asserter) throws Exception {
        // A non-transactional flag, so that the rolled-back statement leaves it set: the conflict comes once.
        Sql.execute(db, "CREATE TABLE conflict_once (fired INT) ENGINE = MEMORY");
        Sql.execute(
                db,
                "CREATE TRIGGER conflict_once BEFORE INSERT ON doc_ent_map FOR EACH ROW"
                        + " IF NEW.doc_id = 'conflicted-once' AND (SELECT COUNT(*) FROM conflict_once) = 0 THEN"
                        + " INSERT INTO conflict_once VALUES (1);"
                        + " SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'Deadlock found when trying to get lock (test)';"
                        + " END IF");
        SourceDocument doc = new SourceDocument(4L, "conflicted-once", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(PAGE, result(doc, "stored")));
        asserter.assertThat(
                () -> Panache.withSession(() -> results.count("docId", doc.mid())),
                count -> assertThat(count).isEqualTo(1));
        asserter.assertThat(() -> Uni.createFrom().item(() -> conflicts()), fired -> assertThat(fired)
                .isEqualTo(1));
    }

    @Test
    @RunOnVertxContext
    void storingAPageMarksItsAttemptStoredEvenWithNothingToStore(UniAsserter asserter) throws Exception {
        long page = 900_001L;
        Sql.execute(
                db,
                "INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at) VALUES (" + page
                        + ", 1, 'test', 1, UTC_TIMESTAMP(3))");
        SourceDocument doc = new SourceDocument(5L, "marked-stored", "text".getBytes(StandardCharsets.UTF_8));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT COUNT(stored_at) FROM page_attempt WHERE page_id = " + page),
                marked -> assertThat(marked).isZero());
        asserter.execute(() -> store.save(page, result(doc, "stored")));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT COUNT(stored_at) FROM page_attempt WHERE page_id = " + page),
                marked -> assertThat(marked).isEqualTo(1));
        // An empty outcome (every document had one already) marks the page all the same.
        asserter.execute(() -> Sql.inTurn(db, "UPDATE page_attempt SET stored_at = NULL WHERE page_id = " + page));
        asserter.execute(() -> store.save(page, new MappingOutcome(List.of(), List.of())));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT COUNT(stored_at) FROM page_attempt WHERE page_id = " + page),
                marked -> assertThat(marked).isEqualTo(1));
    }

    @Test
    @RunOnVertxContext
    void aRehearsalOfAStoreLeavesEveryRowAsItWas(UniAsserter asserter) {
        SourceDocument stored = new SourceDocument(6L, "rehearsed-over-a-result", "t".getBytes(StandardCharsets.UTF_8));
        SourceDocument failed =
                new SourceDocument(7L, "rehearsed-over-a-failure", "t".getBytes(StandardCharsets.UTF_8));
        SourceDocument fresh = new SourceDocument(8L, "rehearsed-new", "t".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(PAGE, result(stored, "kept")));
        asserter.execute(() -> store.save(PAGE, failure(failed)));
        // Written for real, each of these would replace the result, clear the failure and add a row.
        asserter.execute(() -> store.rehearse(new MappingOutcome(
                List.of(
                        new DocumentResult(stored, List.of("rehearsed"), List.of("REHEARSED"), null),
                        new DocumentResult(failed, List.of("rehearsed"), List.of("REHEARSED"), null),
                        new DocumentResult(fresh, List.of("rehearsed"), List.of("REHEARSED"), null)),
                List.of())));
        asserter.assertThat(() -> Panache.withSession(() -> results.list("docId", stored.mid())), rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).entListStr).isEqualTo("[\"kept\"]");
        });
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.count("docId", failed.mid())),
                count -> assertThat(count).isEqualTo(1));
        asserter.assertThat(
                () -> Panache.withSession(() -> results.count("docId in ?1", List.of(failed.mid(), fresh.mid()))),
                count -> assertThat(count).isZero());
    }

    private long conflicts() {
        try {
            return Sql.number(db, "SELECT COUNT(*) FROM conflict_once");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MappingOutcome result(SourceDocument doc, String entity) {
        return new MappingOutcome(
                List.of(new DocumentResult(doc, List.of(entity), List.of(entity.toUpperCase()), null)), List.of());
    }

    private static MappingOutcome failure(SourceDocument doc) {
        return new MappingOutcome(
                List.of(), List.of(new DocumentFailure(doc, FailureCause.MAPPER_REJECTED, "422: no")));
    }
}
