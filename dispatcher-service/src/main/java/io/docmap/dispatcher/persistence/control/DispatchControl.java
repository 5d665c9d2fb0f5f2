package io.docmap.dispatcher.persistence.control;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Whether dispatch is paused, kept in {@code dispatch_control} so that it survives restarts. */
@ApplicationScoped
public class DispatchControl implements PanacheRepositoryBase<DispatchSetting, String> {

    /** The switch of dispatch: its row's name. */
    public static final String DISPATCH = "dispatch";

    /** Longest {@code changed_by}, the column's width. */
    private static final int BY = 128;

    /** Call within a session. */
    public Uni<Boolean> paused() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select s.paused from DispatchSetting s where s.name = :name", Boolean.class)
                .setParameter("name", DISPATCH)
                .getSingleResult());
    }

    public Uni<Void> setPaused(boolean paused, String by) {
        return Panache.withTransaction(() -> update(
                        "paused = ?1, changedBy = ?2, changedAt = ?3 where name = ?4",
                        paused,
                        by.length() > BY ? by.substring(0, BY) : by,
                        LocalDateTime.now(ZoneOffset.UTC),
                        DISPATCH))
                .replaceWithVoid();
    }
}
