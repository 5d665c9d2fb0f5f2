package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round says when it stopped at max-pages-in-flight, which is what brings the next round after busy-interval
 * instead of interval. The schedule itself is held off here (both pauses 1 h), so that the test runs every round. A
 * round marks done only the pages a worker marked stored, but for one round every sweep-interval (1 h here).
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class BusyRoundTest {

    public static class CappedAtTwoPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "docmap.dispatch.interval", "1h",
                    "docmap.dispatch.busy-interval", "1h",
                    // Only the first round looks at every page: the others, at the pages a worker marked stored.
                    "docmap.dispatch.sweep-interval", "1h",
                    "docmap.dispatch.max-pages-in-flight", "2");
        }
    }

    @Inject
    PageDispatcher dispatcher;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aRoundStoppedByTheCapSaysSoUntilTheBacklogIsGone(UniAsserter asserter) throws SQLException {
        List<Long> ids;
        try (Connection c = db.getConnection()) {
            ids = SourceRows.insert(c, "busy", 300, i -> "text " + i);
        }

        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(2, true)));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(0, true)));
        asserter.execute(() -> storeOutcomesUpTo(ids.get(99)));
        // The first page is finished, but no worker said so: the round does not look it up.
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(0, true)));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        // Both pages are marked; the second is not finished, and stays.
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(1, true)));
        asserter.execute(() -> storeOutcomesUpTo(ids.get(299)));
        asserter.execute(() -> Sql.inTurn(db, WorkerMarks.STORED_EVERY_SENT_PAGE));
        asserter.assertThat(
                dispatcher::runOnce, round -> assertThat(round).isEqualTo(new PageDispatcher.Round(0, false)));
    }

    private Uni<Void> storeOutcomesUpTo(long lastId) {
        return Sql.inTurn(
                db,
                "INSERT IGNORE INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str)"
                        + " SELECT mid, '[]', '[]' FROM source_data WHERE id <= " + lastId);
    }
}
