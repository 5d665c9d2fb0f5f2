package io.docmap.dispatcher;

import java.sql.Connection;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.RoundRehearsal;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal of a round before the first one records, marks and notes nothing that stays: the pages, their runs,
 * the gaps and the cursor are as they were, over a table with rows to scan and a page and a gap already recorded.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RoundRehearsalTest {

    private static final String STATE = "SELECT CONCAT_WS(' | ',"
            + " (SELECT GROUP_CONCAT(CONCAT_WS(',', page_id, state, send_count, sent_offset) ORDER BY page_id)"
            + " FROM dispatch_page),"
            + " (SELECT GROUP_CONCAT(CONCAT_WS(',', page_id, first_id, last_id) ORDER BY page_id, first_id)"
            + " FROM dispatch_run),"
            + " (SELECT GROUP_CONCAT(CONCAT_WS(',', first_id, last_id) ORDER BY first_id) FROM dispatch_gap),"
            + " (SELECT GROUP_CONCAT(CONCAT_WS(',', name, last_source_id)) FROM dispatch_cursor),"
            + " (SELECT COUNT(*) FROM dispatch_page), (SELECT COUNT(*) FROM dispatch_run),"
            + " (SELECT COUNT(*) FROM dispatch_gap))";

    @Inject
    RoundRehearsal rehearsal;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aRehearsalLeavesThePagesTheGapsAndTheCursorAsTheyWere(UniAsserter asserter) throws Exception {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "rehearsal", 1_200, i -> "text " + i);
        }
        Sql.execute(
                db,
                "INSERT INTO dispatch_page (origin, first_source_id, last_source_id, doc_count, state,"
                        + " send_count, recorded_at) VALUES ('SCAN', 7, 9, 3, 'SENT', 1, UTC_TIMESTAMP(3))");
        Sql.execute(
                db,
                "INSERT INTO dispatch_run (page_id, first_id, last_id)"
                        + " SELECT MAX(page_id), 7, 9 FROM dispatch_page");
        Sql.execute(db, "INSERT INTO dispatch_gap (first_id, last_id, found_at) VALUES (3, 4, UTC_TIMESTAMP(3))");
        String before = Sql.text(db, STATE);

        asserter.assertThat(() -> rehearsal.run(), pages -> assertThat(pages)
                .as("made-up pages recorded, then rolled back")
                .isEqualTo(40));
        asserter.assertThat(() -> Sql.textInTurn(db, STATE), after -> assertThat(after)
                .as("pages, runs, gaps and cursor after the rehearsal")
                .isEqualTo(before));
    }
}
