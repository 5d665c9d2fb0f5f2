package io.docmap.dispatcher.persistence.history;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The total outcomes counted once a minute ({@code outcome_minute}): the status page's history. */
@ApplicationScoped
public class OutcomeMinutes {

    /** A minute and the outcomes written in it: its total less the one before. */
    public record Minute(LocalDateTime at, long outcomes) {}

    /**
     * Keeps the total counted in a minute, the first one counted in it, and forgets the minutes before {@code keepFrom}.
     *
     * <p>Native: INSERT IGNORE, so that whichever dispatcher counts a minute first keeps it.
     */
    public Uni<Void> record(LocalDateTime minute, long outcomes, LocalDateTime keepFrom) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT IGNORE INTO outcome_minute (minute, outcomes) VALUES (?1, ?2)")
                        .setParameter(1, minute)
                        .setParameter(2, outcomes)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("DELETE FROM outcome_minute WHERE minute < ?1")
                                .setParameter(1, keepFrom)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * The outcomes of each minute counted since {@code from}, oldest first. A minute after one that was not counted
     * (no dispatcher ran) carries the outcomes of the gap; a total that fell (a retry deletes failures) is none.
     *
     * <p>Native: the table has no entity; one range read of its primary key, the row before it included.
     */
    public Uni<List<Minute>> since(LocalDateTime from) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT minute, outcomes FROM outcome_minute WHERE minute >= COALESCE("
                                        + "(SELECT MAX(minute) FROM outcome_minute WHERE minute < ?1), ?1)"
                                        + " ORDER BY minute",
                                Object[].class)
                        .setParameter(1, from)
                        .getResultList())
                .map(rows -> {
                    List<Minute> minutes = new ArrayList<>();
                    for (int i = 1; i < rows.size(); i++) {
                        long outcomes =
                                ((Number) rows.get(i)[1]).longValue() - ((Number) rows.get(i - 1)[1]).longValue();
                        minutes.add(new Minute((LocalDateTime) rows.get(i)[0], Math.max(0, outcomes)));
                    }
                    return minutes;
                });
    }
}
