package io.docmap.dispatcher.control;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Whether dispatch is paused, kept in {@code dispatch_control} so that it survives restarts. */
@ApplicationScoped
public class DispatchControl {

    private static final String DISPATCH = "dispatch";

    /** Call within a session. */
    public Uni<Boolean> paused() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT paused FROM dispatch_control WHERE name = ?1", Boolean.class)
                .setParameter(1, DISPATCH)
                .getSingleResult());
    }

    public Uni<Void> setPaused(boolean paused, String by) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "UPDATE dispatch_control SET paused = ?1, changed_by = ?2, changed_at = ?3 WHERE name = ?4")
                        .setParameter(1, paused)
                        .setParameter(2, by.length() > 128 ? by.substring(0, 128) : by)
                        .setParameter(3, LocalDateTime.now(ZoneOffset.UTC))
                        .setParameter(4, DISPATCH)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
