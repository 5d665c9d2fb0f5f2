package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.dispatcher.failure.FailureRetry;
import io.docmap.dispatcher.persistence.failures.FailureSelection;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep keeps to max-pages-in-flight as the scan does: a retry of many failures is dispatched as the workers
 * finish pages, not all at once, where its leases would run out before any worker took the pages.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SweepCapTest {

    @Inject
    PageDispatcher dispatcher;

    @Inject
    FailureRetry retry;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aRetryOfThreePagesOfFailuresIsSweptTwoPagesAtATime(UniAsserter asserter) throws SQLException {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "swept", 300, i -> "text " + i);
        }
        // Dispatched, two pages and then the third, and all failed.
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(2, true)));
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts,"
                        + " first_failed_at, last_failed_at) SELECT mid, id, 'mapper-rejected', 'no', 1, NOW(3), NOW(3)"
                        + " FROM source_data WHERE id <= " + ids.get(199)));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(1, false)));
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts,"
                        + " first_failed_at, last_failed_at) SELECT mid, id, 'mapper-rejected', 'no', 1, NOW(3), NOW(3)"
                        + " FROM source_data WHERE id > " + ids.get(199)));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(0, false)));

        asserter.assertThat(
                () -> retry.retry(FailureSelection.ofCause("mapper-rejected")),
                retried -> assertThat(retried).isEqualTo(300));

        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(2, true)));
        asserter.assertThat(() -> inFlight(), pages -> assertThat(pages).isEqualTo(2));
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str)"
                        + " SELECT mid, '[]', '[]' FROM source_data"));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(1, false)));
        asserter.assertThat(
                () -> Sql.numberInTurn(
                        db,
                        "SELECT COUNT(*) FROM source_data s LEFT JOIN " + PageItems.TABLE + " ON i.source_id = s.id"
                                + " WHERE i.source_id IS NULL"),
                rows -> assertThat(rows).isZero());
    }

    private Uni<Long> inFlight() {
        return Sql.numberInTurn(db, "SELECT COUNT(*) FROM dispatch_page WHERE state IN ('RECORDED', 'SENT')");
    }
}
