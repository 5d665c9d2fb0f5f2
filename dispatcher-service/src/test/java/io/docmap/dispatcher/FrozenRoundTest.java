package io.docmap.dispatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import io.docmap.dispatcher.persistence.leader.DispatcherLock;
import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader that froze inside a round's transaction, holding the fence's shared lock on {@code dispatch_leader}, does
 * not keep the next leader from counting the epoch up: the server drops its idle session, and the transaction with it.
 * Without that the next leader's update waited for the lock until the frozen process thawed.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class FrozenRoundTest {

    /** Far above the session's release, so that an update that waits for it does not give up first. */
    private static final Duration LOCK_WAIT = DispatcherLock.IDLE_RELEASE.multipliedBy(4);

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource db;

    @Test
    void theNextLeaderCountsTheEpochUpWhileAFrozenRoundHoldsTheFence() throws SQLException {
        AtomicLong frozen = new AtomicLong();
        AtomicBoolean locked = new AtomicBoolean();
        // A round that took the fence's lock and then went silent, as a frozen process does.
        pool.withTransaction(round -> round.query("SELECT CONNECTION_ID()")
                        .execute()
                        .invoke(rows -> frozen.set(rows.iterator().next().getLong(0)))
                        .chain(() -> round.query("SELECT epoch FROM dispatch_leader LOCK IN SHARE MODE")
                                .execute())
                        .invoke(() -> locked.set(true))
                        .chain(() -> Uni.createFrom().emitter(never -> {})))
                .subscribe()
                .with(ignored -> {}, error -> {});
        await().untilTrue(locked);

        try (Connection next = db.getConnection();
                Statement session = next.createStatement()) {
            session.execute("SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT.toSeconds());
            assertThat(session.executeUpdate("UPDATE dispatch_leader SET epoch = epoch + 1"))
                    .as("rows the next leader's epoch update changed")
                    .isOne();
        }
        assertThat(Sql.number(db, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", frozen.get()))
                .as("sessions left of the frozen round")
                .isZero();
        assertThat(pool.query("SELECT 1")
                        .execute()
                        .await()
                        .atMost(LOCK_WAIT)
                        .iterator()
                        .next()
                        .getInteger(0))
                .as("the pool's answer once the frozen session is gone")
                .isOne();
    }
}
