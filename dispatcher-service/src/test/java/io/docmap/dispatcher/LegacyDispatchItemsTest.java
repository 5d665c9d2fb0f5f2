package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.dispatcher.persistence.pages.LegacyDispatchItems;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that an earlier version dispatched, with its pages' ids in {@code dispatch_item}: the leader gives the
 * live pages runs, moves the cursor past the scanned pages, and takes the ids pages hold out of the gaps. Then every
 * row is dispatched once, the done page's rows never again.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class LegacyDispatchItemsTest {

    @Inject
    PageDispatcher dispatcher;

    @Inject
    LegacyDispatchItems legacy;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void anEarlierVersionsPagesCursorAndGapsAreAdoptedAndEveryRowIsDispatchedOnce(UniAsserter asserter)
            throws SQLException {
        List<Long> a;
        try (Connection c = db.getConnection()) {
            a = SourceRows.insert(c, "legacy", 10, i -> "text " + i);
        }
        // Done: a page of rows 6 and 7. Recorded, never acknowledged: a page of rows 0 to 2 and 4, which the cursor,
        // left at the start, does not pass yet. A gap from 0 to 5, narrowed by neither end, holds ids of that page.
        String pages = "INSERT INTO dispatch_page (page_id, origin, first_source_id, last_source_id, doc_count, state,"
                + " recorded_at) VALUES (900001, 'SCAN', " + a.get(6) + ", " + a.get(7) + ", 2, 'DONE', NOW(3)),"
                + " (900002, 'SCAN', " + a.get(0) + ", " + a.get(4) + ", 4, 'RECORDED', NOW(3))";
        String items = "INSERT INTO dispatch_item (source_id, page_id) VALUES (" + a.get(6) + ", 900001), (" + a.get(7)
                + ", 900001), (" + a.get(0) + ", 900002), (" + a.get(1) + ", 900002), (" + a.get(2) + ", 900002), ("
                + a.get(4) + ", 900002)";
        String gap = "INSERT INTO dispatch_gap (first_id, last_id, found_at) VALUES (" + a.get(0) + ", " + a.get(5)
                + ", UTC_TIMESTAMP(3))";
        asserter.execute(() -> Sql.inTurn(db, pages)
                .chain(() -> Sql.inTurn(db, items))
                .chain(() -> Sql.inTurn(db, gap))
                .chain(() -> Sql.inTurn(db, "UPDATE dispatch_cursor SET last_source_id = 0")));

        asserter.execute(() -> Panache.withTransaction(legacy::adopt));
        asserter.assertThat(
                () -> text("SELECT GROUP_CONCAT(CONCAT(page_id, ':', first_id, '..', last_id) ORDER BY first_id)"
                        + " FROM dispatch_run"),
                runs -> assertThat(runs)
                        .isEqualTo("900002:" + a.get(0) + ".." + a.get(2) + ",900002:" + a.get(4) + ".." + a.get(4)));
        asserter.assertThat(
                () -> Sql.numberInTurn(db, "SELECT last_source_id FROM dispatch_cursor WHERE name = 'scan'"),
                cursor -> assertThat(cursor).isEqualTo(a.get(7)));
        asserter.assertThat(
                () -> text("SELECT GROUP_CONCAT(CONCAT(first_id, '..', last_id) ORDER BY first_id) FROM dispatch_gap"),
                gaps -> assertThat(gaps).isEqualTo(a.get(3) + ".." + a.get(3) + "," + a.get(5) + ".." + a.get(5)));

        // Adopting again changes nothing.
        asserter.execute(() -> Panache.withTransaction(legacy::adopt));
        asserter.assertThat(() -> Sql.numberInTurn(db, "SELECT COUNT(*) FROM dispatch_run"), runs -> assertThat(runs)
                .isEqualTo(2));

        // The recorded page goes again, the sweep takes rows 3 and 5; the cap (two pages) holds the scan back.
        asserter.execute(() -> dispatcher.sweepNextRound());
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(2));
        asserter.execute(() -> Sql.inTurn(
                db,
                "INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str) SELECT mid, '[]', '[]'"
                        + " FROM source_data WHERE mid LIKE 'legacy-%'"));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round.sent()).isEqualTo(1));

        // Each row is in one page: the done page's rows in none of docmap's runs, every other row in exactly one.
        asserter.assertThat(
                () -> text("SELECT GROUP_CONCAT(n ORDER BY id) FROM (SELECT s.id, COUNT(i.page_id) AS n"
                        + " FROM source_data s LEFT JOIN " + PageItems.TABLE + " ON i.source_id = s.id"
                        + " WHERE s.mid LIKE 'legacy-%' GROUP BY s.id) held"),
                held -> assertThat(held).isEqualTo("1,1,1,1,1,1,0,0,1,1"));
        asserter.assertThat(() -> Sql.numberInTurn(db, "SELECT COUNT(*) FROM dispatch_gap"), gaps -> assertThat(gaps)
                .isZero());
    }

    private Uni<String> text(String sql) {
        return Sql.textInTurn(db, sql);
    }
}
