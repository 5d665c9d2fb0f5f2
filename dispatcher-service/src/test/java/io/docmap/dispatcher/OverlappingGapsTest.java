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
import io.docmap.dispatcher.persistence.FailureSelection;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry of failures notes one range over their ids, which can hold a range the scan passed over. When the sweep
 * narrows the retry's range onto the start of the other, the two become one, instead of clashing on the key and
 * rolling back every sweep's clean-up.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class OverlappingGapsTest {

    @Inject
    PageDispatcher dispatcher;

    @Inject
    FailureRetry retry;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aRetryRangeNarrowedOntoAScanGapMergesWithIt(UniAsserter asserter) throws SQLException {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "overlap", 10, i -> "text " + i);
        }
        // Rows 4 to 6 are gone before the scan: it passes over them, and notes them as a gap.
        Sql.execute(db, "DELETE FROM source_data WHERE id BETWEEN " + ids.get(4) + " AND " + ids.get(6));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(1, false)));
        asserter.assertThat(() -> gaps(), gaps -> assertThat(gaps).isEqualTo(ids.get(4) + ".." + ids.get(6)));

        // Rows 2 and 8 failed; their retry notes the range 2..8, around the scan's gap.
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts,"
                        + " first_failed_at, last_failed_at) SELECT mid, id, 'mapper-rejected', 'no', 1, NOW(3), NOW(3)"
                        + " FROM source_data WHERE id IN (" + ids.get(2) + ", " + ids.get(8) + ")"));
        asserter.assertThat(
                () -> retry.retry(FailureSelection.ofCause("mapper-rejected")),
                retried -> assertThat(retried).isEqualTo(2));

        // The sweep sends 2 and 8 again, and narrows 2..8 to 4..6: the scan's gap, which stays once.
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(1));
        asserter.assertThat(() -> gaps(), gaps -> assertThat(gaps).isEqualTo(ids.get(4) + ".." + ids.get(6)));
    }

    private Uni<String> gaps() {
        return Sql.textInTurn(
                db, "SELECT GROUP_CONCAT(CONCAT(first_id, '..', last_id) ORDER BY first_id) FROM dispatch_gap");
    }
}
