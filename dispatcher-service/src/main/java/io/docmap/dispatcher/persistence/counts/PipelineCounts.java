package io.docmap.dispatcher.persistence.counts;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.persistence.control.DispatchControl;

/** What the pipeline holds now, beyond the documents: read for progress, in one round trip. */
@ApplicationScoped
public class PipelineCounts {

    /**
     * The figures.
     *
     * @param inFlight rows of the pages sent and not finished
     * @param paused whether dispatch is paused
     * @param waitingPages pages sent that no worker has taken at their latest send
     * @param lostPages of those, the pages sent again because Kafka lost them
     * @param stuckPages unfinished pages whose last {@code stuckAfter} attempts or more failed
     */
    public record Figures(long inFlight, boolean paused, long waitingPages, long lostPages, long stuckPages) {}

    /**
     * Reads the figures; call within a session. Native: five counts over four tables in one statement, one of them
     * (the anti-join on page_attempt) on the plan MariaDB picks for this SQL.
     */
    public Uni<Figures> read(int stuckAfter) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                """
                        SELECT (SELECT COALESCE(SUM(doc_count), 0) FROM dispatch_page WHERE state IN ('RECORDED', 'SENT')),
                               (SELECT paused FROM dispatch_control WHERE name = ?2),
                               (SELECT COUNT(*) FROM dispatch_page p WHERE p.state = 'SENT' AND NOT EXISTS (
                                    SELECT 1 FROM page_attempt a WHERE a.page_id = p.page_id AND a.send_count = p.send_count)),
                               (SELECT COUNT(*) FROM dispatch_page p WHERE p.state = 'SENT' AND p.lost_sends > 0
                                  AND NOT EXISTS (SELECT 1 FROM page_attempt a
                                    WHERE a.page_id = p.page_id AND a.send_count = p.send_count)),
                               (SELECT COUNT(*) FROM page_attempt a JOIN dispatch_page p ON p.page_id = a.page_id
                                 WHERE p.state = 'SENT' AND a.failures >= ?1)""",
                                Object[].class)
                        .setParameter(1, stuckAfter)
                        .setParameter(2, DispatchControl.DISPATCH)
                        .getSingleResult())
                .map(row -> new Figures(
                        RowCount.number(row[0]),
                        row[1] instanceof Boolean b ? b : RowCount.number(row[1]) != 0,
                        RowCount.number(row[2]),
                        RowCount.number(row[3]),
                        RowCount.number(row[4])));
    }

    /**
     * Outcomes, results and failures, written within the last {@code window}: every row of the window is read, so it is
     * counted this way only until the totals that progress keeps cover a window ({@code OutcomeHistory}). Native: the
     * two tables' timestamps, each on its own index.
     */
    public Uni<Long> finishedWithin(Duration window) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT (SELECT COUNT(*) FROM doc_ent_map WHERE create_time >= ?1)"
                                + " + (SELECT COUNT(*) FROM doc_failure WHERE last_failed_at >= ?1)",
                        Long.class)
                .setParameter(1, LocalDateTime.now(ZoneOffset.UTC).minus(window))
                .getSingleResult());
    }
}
