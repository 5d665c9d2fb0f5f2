package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.dispatch.PageDispatcher;
import io.docmap.dispatcher.persistence.leader.LeadershipLostException;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispatcher whose epoch is past, as one that froze while another took the lock finds it when it thaws, writes
 * nothing: its round fails at the fence, before it records a page.
 */
@QuarkusTest
@TestProfile(BusyRoundTest.CappedAtTwoPages.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class LeaderFenceTest {

    @Inject
    PageDispatcher dispatcher;

    @Inject
    AgroalDataSource db;

    @Test
    @RunOnVertxContext
    void aRoundOfADispatcherWhoseEpochIsPastRecordsAndSendsNothing(UniAsserter asserter) throws SQLException {
        try (Connection c = db.getConnection()) {
            SourceRows.insert(c, "fenced", 100, i -> "text " + i);
        }
        // Another dispatcher took the lock: it counted the epoch up.
        asserter.execute(() -> Sql.inTurn(db, "UPDATE dispatch_leader SET epoch = epoch + 1"));
        asserter.assertFailedWith(dispatcher::runOnce, LeadershipLostException.class);
        asserter.assertThat(() -> Sql.numberInTurn(db, "SELECT COUNT(*) FROM dispatch_page"), pages -> assertThat(pages)
                .isZero());
    }
}
