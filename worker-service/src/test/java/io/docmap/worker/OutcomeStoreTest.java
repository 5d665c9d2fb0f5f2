package io.docmap.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import org.junit.jupiter.api.Test;

import io.docmap.common.FailureCause;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.StandInMapperResource;
import io.docmap.worker.mapping.DocumentFailure;
import io.docmap.worker.mapping.DocumentResult;
import io.docmap.worker.mapping.MappingOutcome;
import io.docmap.worker.persistence.DocEntMapRepository;
import io.docmap.worker.persistence.DocFailureRepository;
import io.docmap.worker.persistence.OutcomeStore;
import io.docmap.worker.persistence.SourceDocument;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class OutcomeStoreTest {

    @Inject
    OutcomeStore store;

    @Inject
    DocEntMapRepository results;

    @Inject
    DocFailureRepository failures;

    @Test
    @RunOnVertxContext
    void storingADocumentTwiceKeepsOneRowWithTheLatestResult(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(1L, "stored-twice", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(result(doc, "first")));
        asserter.execute(() -> store.save(result(doc, "second")));
        asserter.assertThat(() -> Panache.withSession(() -> results.list("docId", doc.mid)), rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).entListStr).isEqualTo("[\"second\"]");
            assertThat(rows.get(0).mappedListStr).isEqualTo("[\"SECOND\"]");
        });
    }

    @Test
    @RunOnVertxContext
    void aFailedDocumentThatLaterSucceedsMovesToTheResults(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(2L, "failed-then-stored", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(failure(doc)));
        asserter.execute(() -> store.save(failure(doc)));
        asserter.assertThat(() -> Panache.withSession(() -> failures.findById(doc.mid)), row -> assertThat(row.attempts)
                .isEqualTo(2));
        asserter.execute(() -> store.save(result(doc, "later")));
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.count("docId", doc.mid)),
                count -> assertThat(count).isZero());
        asserter.assertThat(() -> Panache.withSession(() -> results.count("docId", doc.mid)), count -> assertThat(count)
                .isEqualTo(1));
    }

    @Test
    @RunOnVertxContext
    void aFailureIsNotWrittenWhereAResultExists(UniAsserter asserter) {
        SourceDocument doc = new SourceDocument(3L, "stored-then-failed", "text".getBytes(StandardCharsets.UTF_8));
        asserter.execute(() -> store.save(result(doc, "kept")));
        asserter.execute(() -> store.save(failure(doc)));
        asserter.assertThat(
                () -> Panache.withSession(() -> failures.count("docId", doc.mid)),
                count -> assertThat(count).isZero());
        asserter.assertThat(() -> Panache.withSession(() -> results.list("docId", doc.mid)), rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).entListStr).isEqualTo("[\"kept\"]");
        });
    }

    private static MappingOutcome result(SourceDocument doc, String entity) {
        return new MappingOutcome(
                List.of(new DocumentResult(doc, List.of(entity), List.of(entity.toUpperCase()))), List.of());
    }

    private static MappingOutcome failure(SourceDocument doc) {
        return new MappingOutcome(
                List.of(), List.of(new DocumentFailure(doc, FailureCause.MAPPER_REJECTED, "422: no")));
    }
}
