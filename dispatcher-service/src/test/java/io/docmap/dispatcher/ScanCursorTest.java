package io.docmap.dispatcher;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.persistence.scan.CursorMovedException;
import io.docmap.dispatcher.persistence.scan.SourceScan;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan cursor moves by compare-and-set, in the transaction that records the scanned pages: a dispatcher that read
 * it before another moved it records nothing of its scan.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class ScanCursorTest {

    @Inject
    SourceScan scan;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aCursorThatMovedSinceItWasReadIsNotMovedAgainAndItsTransactionRollsBack(UniAsserter asserter) {
        asserter.execute(() -> Sql.inTurn(db, "UPDATE dispatch_cursor SET last_source_id = 500 WHERE name = 'scan'"));
        asserter.execute(() -> Sql.inTurn(db, "DELETE FROM dispatch_gap"));

        // What another dispatcher's scan would do, reading the cursor at 400: its gap and its move both roll back.
        asserter.assertFailedWith(
                () -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "INSERT INTO dispatch_gap (first_id, last_id, found_at)"
                                                + " VALUES (401, 402, UTC_TIMESTAMP(3))")
                                .executeUpdate())
                        .chain(() -> scan.move(400, 900))),
                failure -> assertThat(failure)
                        .isInstanceOf(CursorMovedException.class)
                        .hasMessageContaining("moved from 400"));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT last_source_id FROM dispatch_cursor WHERE name = 'scan'"),
                cursor -> assertThat(cursor).isEqualTo(500));
        asserter.assertThat(() -> Sql.numberInTurn(db, "SELECT COUNT(*) FROM dispatch_gap"), gaps -> assertThat(gaps)
                .isZero());

        asserter.execute(() -> Panache.withTransaction(() -> scan.move(500, 900)));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT last_source_id FROM dispatch_cursor WHERE name = 'scan'"),
                cursor -> assertThat(cursor).isEqualTo(900));
    }
}
