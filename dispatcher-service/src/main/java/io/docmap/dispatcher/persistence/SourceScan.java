package io.docmap.dispatcher.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads {@code source_data} ids by keyset (id > cursor), never by OFFSET, and the cursor itself. */
@ApplicationScoped
public class SourceScan {

    private static final String CURSOR = "scan";

    /** The next ids after the cursor, ascending. */
    public Uni<List<Long>> idsAfter(long cursor, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT id FROM source_data WHERE id > ?1 ORDER BY id LIMIT ?2", Long.class)
                .setParameter(1, cursor)
                .setParameter(2, limit)
                .getResultList());
    }

    /** Ids in {@code (after, cursor]} that no page holds: rows that committed after the cursor passed them. */
    public Uni<List<Long>> undispatchedBehind(long after, long cursor, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        """
                        SELECT s.id FROM source_data s
                        WHERE s.id > ?1 AND s.id <= ?2
                          AND NOT EXISTS (SELECT 1 FROM dispatch_item i WHERE i.source_id = s.id)
                        ORDER BY s.id LIMIT ?3""",
                        Long.class)
                .setParameter(1, after)
                .setParameter(2, cursor)
                .setParameter(3, limit)
                .getResultList());
    }

    public Uni<Long> cursor() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT last_source_id FROM dispatch_cursor WHERE name = ?1", Long.class)
                .setParameter(1, CURSOR)
                .getSingleResult());
    }

    /** Moves the cursor forward to {@code lastSourceId}, never back. */
    public Uni<Integer> advanceCursor(long lastSourceId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "UPDATE dispatch_cursor SET last_source_id = GREATEST(last_source_id, ?1) WHERE name = ?2")
                .setParameter(1, lastSourceId)
                .setParameter(2, CURSOR)
                .executeUpdate());
    }
}
