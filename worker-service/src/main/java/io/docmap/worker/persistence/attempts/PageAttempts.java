package io.docmap.worker.persistence.attempts;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.docmap.worker.WorkerConfig;
import io.docmap.worker.persistence.ErrorText;

/**
 * This worker's account of its attempts at pages, in {@code page_attempt}, for the dispatcher to read. A take starts
 * the page's lease for the send it belongs to, and renews it at every attempt, so that the lease measures a worker's
 * work on the page, never the time the page waited in Kafka. A failed attempt adds to the page's failures in a row,
 * with its error, so that a page that keeps failing is reported as stuck; the dispatcher deletes the row once the
 * page is done. Each mark is one small row: a take one autocommitted statement, a failed attempt a transaction of
 * its own, and the mark of stored outcomes part of the transaction that stores them.
 */
@ApplicationScoped
public class PageAttempts {

    /** pid@host, the host the pod's name on Kubernetes, so that an operator knows whose logs to read (WorkerName). */
    private final String worker;

    private final Pool pool;

    public PageAttempts(Pool pool, WorkerConfig config) {
        this.pool = pool;
        this.worker = config.name();
    }

    /**
     * Marks the page taken by this worker now, for the send the dispatcher last made of it. A page that is done, or
     * that the dispatcher did not record (sent by hand, or by a test), has no lease, and nothing is written. One
     * statement on the pool itself, autocommitted, not a transaction of Hibernate Reactive's: it runs beside the
     * page's first read instead of in front of it, and costs one round trip where BEGIN and COMMIT cost three.
     */
    public Uni<Void> taken(long pageId) {
        return pool.preparedQuery(
                        """
                        INSERT INTO page_attempt (page_id, send_count, worker, attempts, taken_at)
                        SELECT page_id, send_count, ?, 1, ? FROM dispatch_page
                        WHERE page_id = ? AND state <> 'DONE'
                        ON DUPLICATE KEY UPDATE send_count = VALUES(send_count), worker = VALUES(worker),
                            attempts = page_attempt.attempts + 1, taken_at = VALUES(taken_at), stored_at = NULL""")
                .execute(Tuple.of(worker, now(), pageId))
                .replaceWithVoid();
    }

    /**
     * Marks the page's outcomes stored, in the transaction that stores them: the dispatcher looks whether a page is
     * done only once a worker marked it so (or, now and then, at every page).
     */
    public Uni<Integer> stored(long pageId) {
        return statement("UPDATE page_attempt SET stored_at = ?1 WHERE page_id = ?2", now(), pageId);
    }

    /** Adds a failed attempt to the page's failures in a row, with its error. */
    public Uni<Void> failed(long pageId, Throwable error) {
        return execute(
                """
                UPDATE page_attempt SET failing_since = COALESCE(failing_since, ?2),
                    failures = failures + 1, last_error = ?1, last_failed_at = ?2, worker = ?3
                WHERE page_id = ?4""",
                ErrorText.fit(error.toString()),
                now(),
                worker,
                pageId);
    }

    /** One statement in a transaction of its own. */
    private static Uni<Void> execute(String sql, Object... parameters) {
        return Panache.withTransaction(() -> statement(sql, parameters)).replaceWithVoid();
    }

    /** One statement in the current session, with positional parameters ?1, ?2, … */
    private static Uni<Integer> statement(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var statement = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setParameter(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        });
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
