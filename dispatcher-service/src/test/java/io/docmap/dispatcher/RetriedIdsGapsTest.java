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
 * A retry of failures notes their ids as gaps, exactly: rows 2 and 8 around the range 4..6 that the scan passed over
 * make two gaps of one id each, never one range 2..8 over rows that pages hold. The sweep dispatches them, takes them
 * out of the gaps, and leaves the scan's range as it was.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RetriedIdsGapsTest {

    @Inject
    PageDispatcher dispatcher;

    @Inject
    FailureRetry retry;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void retriedIdsAreGapsOfTheirOwnBesideTheScansGap(UniAsserter asserter) throws SQLException {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "overlap", 10, i -> "text " + i);
        }
        // Rows 4 to 6 are gone before the scan: it passes over them, and notes them as a gap.
        Sql.execute(db, "DELETE FROM source_data WHERE id BETWEEN " + ids.get(4) + " AND " + ids.get(6));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(1, false)));
        asserter.assertThat(() -> gaps(), gaps -> assertThat(gaps).isEqualTo(ids.get(4) + ".." + ids.get(6)));

        // Rows 2 and 8 failed; their retry notes each, around the scan's gap.
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts,"
                        + " first_failed_at, last_failed_at) SELECT mid, id, 'mapper-rejected', 'no', 1, NOW(3), NOW(3)"
                        + " FROM source_data WHERE id IN (" + ids.get(2) + ", " + ids.get(8) + ")"));
        asserter.assertThat(
                () -> retry.retry(FailureSelection.ofCause("mapper-rejected")),
                retried -> assertThat(retried).isEqualTo(2));

        asserter.assertThat(() -> gaps(), gaps -> assertThat(gaps)
                .isEqualTo(ids.get(2) + ".." + ids.get(2) + "," + ids.get(4) + ".." + ids.get(6) + "," + ids.get(8)
                        + ".." + ids.get(8)));

        // The sweep sends 2 and 8 again in one page, and takes them out of the gaps: the scan's gap stays, once.
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(1));
        asserter.assertThat(() -> gaps(), gaps -> assertThat(gaps).isEqualTo(ids.get(4) + ".." + ids.get(6)));
    }

    private Uni<String> gaps() {
        return Sql.textInTurn(
                db, "SELECT GROUP_CONCAT(CONCAT(first_id, '..', last_id) ORDER BY first_id) FROM dispatch_gap");
    }
}
