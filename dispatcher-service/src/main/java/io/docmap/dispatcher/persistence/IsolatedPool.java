package io.docmap.dispatcher.persistence;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Singleton;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.sqlclient.Pool;

import io.docmap.common.persistence.ServicePool;
import io.docmap.dispatcher.persistence.leader.DispatcherLock;
import io.docmap.dispatcher.persistence.leader.LeaderFence;

/**
 * This service's reactive pool ({@link ServicePool}): pinned to the outcomes' isolation, caching its statements.
 *
 * <p>A leader that freezes inside a round's transaction holds {@link LeaderFence}'s shared lock on
 * {@code dispatch_leader}, and the next leader cannot count the epoch up until that transaction ends. So the server
 * drops these sessions once idle for {@link DispatcherLock#IDLE_RELEASE}, as it drops the lock's own, which rolls the
 * frozen transaction back. A round never leaves its transaction idle that long: it sends to Kafka only after commit.
 * Connections idle for half of it leave the pool first, so that the pool never hands out one the server dropped.
 */
@Singleton
public class IsolatedPool implements MySQLPoolCreator {

    static final String RELEASE_IDLE_SESSION = "SET SESSION wait_timeout = " + DispatcherLock.IDLE_RELEASE.toSeconds();

    @Override
    public Pool create(Input input) {
        input.poolOptions()
                .setIdleTimeout((int) DispatcherLock.IDLE_RELEASE.dividedBy(2).toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return ServicePool.create(input, List.of(RELEASE_IDLE_SESSION));
    }
}
