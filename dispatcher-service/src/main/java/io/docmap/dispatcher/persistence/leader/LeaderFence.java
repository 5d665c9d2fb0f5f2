package io.docmap.dispatcher.persistence.leader;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The fence on a dispatch round's writes: each transaction first reads the leadership epoch under a shared lock and
 * goes on only if it is still this leader's. A dispatcher that takes the lock counts the epoch up
 * ({@link DispatcherLock#takeEpoch}), waiting for the transactions that hold the shared lock, so from then on every
 * write of an earlier leader fails here, however long it was frozen.
 */
@ApplicationScoped
public class LeaderFence {

    /** The row of {@code dispatch_leader}. */
    static final String NAME = "dispatcher";

    /**
     * Fails with {@link LeadershipLostException} unless the epoch is {@code mine}; call first in a transaction.
     *
     * <p>Native: LOCK IN SHARE MODE, which MariaDB and MySQL both read as a shared lock on the row.
     */
    public Uni<Void> check(long mine) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT epoch FROM dispatch_leader WHERE name = ?1 LOCK IN SHARE MODE", Long.class)
                        .setParameter(1, NAME)
                        .getSingleResult())
                .invoke(epoch -> {
                    if (epoch != mine) {
                        throw new LeadershipLostException(mine, epoch);
                    }
                })
                .replaceWithVoid();
    }
}
