package io.docmap.dispatcher.persistence.pages;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.docmap.common.DocumentKey;
import io.docmap.common.FailureCause;

@ApplicationScoped
public class DispatchPageRepository implements PanacheRepositoryBase<DispatchPage, Long> {

    private final DispatchRuns runs;
    private final String unfinishedFailure;
    private final String finishedPages;
    private final String finishedStoredPages;
    private final String finishedRemapPages;
    private final String finishedRemapStoredPages;

    /**
     * Builds the two statements that ask whether a row has an outcome. They look it up under the row's document key,
     * as the workers store it: the shared mid, or the row's own key when its mid is unusable.
     */
    public DispatchPageRepository(DocumentKey key, DispatchRuns runs) {
        this.runs = runs;
        String document = key.sql("s");
        this.unfinishedFailure =
                """
                INSERT INTO doc_failure (doc_id, source_id, cause, message, attempts, first_failed_at, last_failed_at)
                SELECT %s, s.id, ?1, ?2, p.send_count, ?3, ?3
                FROM dispatch_run r
                JOIN source_data s ON s.id BETWEEN r.first_id AND r.last_id
                JOIN dispatch_page p ON p.page_id = r.page_id
                WHERE r.page_id = ?4 AND NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = %s)
                ON DUPLICATE KEY UPDATE doc_id = doc_failure.doc_id"""
                        .formatted(document, document);
        this.finishedPages =
                """
                SELECT p.page_id FROM dispatch_page p
                WHERE p.state = 'SENT' AND p.remap_id IS NULL AND NOT EXISTS (
                    SELECT 1 FROM dispatch_run r JOIN source_data s ON s.id BETWEEN r.first_id AND r.last_id
                    WHERE r.page_id = p.page_id
                      AND NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = %s)
                      AND NOT EXISTS (SELECT 1 FROM doc_failure f WHERE f.doc_id = %s))"""
                        .formatted(document, document);
        String stored = "EXISTS (SELECT 1 FROM page_attempt a WHERE a.page_id = p.page_id AND a.stored_at IS NOT NULL)";
        this.finishedStoredPages = finishedPages + " AND " + stored;
        String remapPages = "SELECT p.page_id FROM dispatch_page p WHERE p.state = 'SENT' AND p.remap_id IS NOT NULL";
        this.finishedRemapStoredPages = remapPages + " AND " + stored;
        // A worker's take runs beside its first read and may commit after the store's mark, which then marks nothing:
        // every page is looked at now and then, and one whose rows' results are all newer than its re-map is done.
        this.finishedRemapPages = remapPages + " AND (" + stored + " OR NOT EXISTS ("
                + "SELECT 1 FROM dispatch_run r JOIN source_data s ON s.id BETWEEN r.first_id AND r.last_id"
                + " JOIN doc_ent_map m ON m.doc_id = " + document
                + " WHERE r.page_id = p.page_id AND m.create_time < p.remap_before))";
    }

    /**
     * Records a page and its ids, as runs ({@link DispatchRuns}). The caller took the ids where no live page holds
     * them: past the scan cursor, which it moves in this transaction, or in the sweep's gaps, which lose them in it.
     */
    public Uni<DispatchPage> record(PageOrigin origin, List<Long> ids) {
        return persistAndFlush(newPage(origin, ids)).call(saved -> runs.record(saved.pageId, ids));
    }

    /** Records a page of a re-map: its ids have results, stored before {@code before}, to map again. */
    public Uni<DispatchPage> recordRemap(long remapId, LocalDateTime before, List<Long> ids, String names) {
        DispatchPage page = newPage(PageOrigin.REMAP, ids);
        page.remapId = remapId;
        page.remapBefore = before;
        page.remapNames = names;
        return persistAndFlush(page).call(saved -> runs.record(saved.pageId, ids));
    }

    private static DispatchPage newPage(PageOrigin origin, List<Long> ids) {
        DispatchPage page = new DispatchPage();
        page.origin = origin;
        page.firstSourceId = ids.get(0);
        page.lastSourceId = ids.get(ids.size() - 1);
        page.docCount = ids.size();
        page.state = PageState.RECORDED;
        page.recordedAt = now();
        return page;
    }

    public Uni<List<Long>> idsOf(long pageId) {
        return runs.idsOf(pageId);
    }

    /** Pages recorded but never acknowledged by the broker, oldest first. */
    public Uni<List<DispatchPage>> unacknowledged(int limit) {
        return find("from DispatchPage where state = ?1 order by pageId limit ?2", PageState.RECORDED, limit)
                .list();
    }

    /**
     * Sent pages whose lease ran out, oldest first: a worker took the page after its last send, and has not begun an
     * attempt at it for longer than the lease. A page still waiting in Kafka for a worker has no lease running, so an
     * outage or a backlog never expires it.
     */
    public Uni<List<DispatchPage>> leaseExpired(Duration lease, int limit) {
        return find(
                        "select p from DispatchPage p join PageAttempt a on a.pageId = p.pageId"
                                + " where p.state = ?1 and a.sendCount = p.sendCount and a.takenAt < ?2"
                                + " order by p.pageId limit ?3",
                        PageState.SENT,
                        now().minus(lease),
                        limit)
                .list();
    }

    /**
     * Records a failure for each document of the page that has no outcome; a document that already failed keeps its
     * failure. INSERT … SELECT reads doc_ent_map with locks, so a worker storing a result at the same moment either
     * commits first (and the document is skipped here) or deletes this failure when it stores.
     *
     * <p>Native: it reads doc_ent_map, the workers' table, under the document key's SQL, and keeps an existing failure
     * by ON DUPLICATE KEY UPDATE.
     */
    public Uni<Integer> failUnfinished(long pageId, FailureCause cause, String message) {
        return getSession().chain(session -> session.createNativeQuery(unfinishedFailure)
                .setParameter(1, cause.code())
                .setParameter(2, message)
                .setParameter(3, now())
                .setParameter(4, pageId)
                .executeUpdate());
    }

    /** Marks a send of the page acknowledged, where the broker put it; a send of a record Kafka lost is counted apart. */
    public Uni<Integer> markSent(long pageId, SentRecord record, boolean lost) {
        return update(
                "state = ?1, sentAt = ?2, sendCount = sendCount + 1, lostSends = lostSends + ?3,"
                        + " sentPartition = ?4, sentOffset = ?5, traceId = ?6 where pageId = ?7",
                PageState.SENT,
                now(),
                lost ? 1 : 0,
                record.partition(),
                record.offset(),
                record.traceId(),
                pageId);
    }

    /**
     * Sent pages that no worker has taken at their latest send, whose record's place is known, oldest first: those
     * Kafka may have lost.
     */
    public Uni<List<DispatchPage>> waitingForAWorker(int limit) {
        return find(
                        "from DispatchPage p where p.state = ?1 and p.sentOffset is not null and not exists"
                                + " (from PageAttempt a where a.pageId = p.pageId and a.sendCount = p.sendCount)"
                                + " order by p.pageId limit ?2",
                        PageState.SENT,
                        limit)
                .list();
    }

    /**
     * Marks a re-map's page done without its outcomes: past max-sends, its documents keep the results they had, which
     * are outcomes already.
     */
    public Uni<Integer> giveUp(long pageId) {
        return update(
                "state = ?1, doneAt = ?2 where pageId = ?3 and state = ?4",
                PageState.DONE,
                now(),
                pageId,
                PageState.SENT);
    }

    /**
     * Marks done the sent pages whose rows all have an outcome, a result or a failure: every such page with {@code
     * everyPage}, else only those a worker marked stored. A re-map's rows had results before it, so its pages are
     * done once a worker marked them stored, in the transaction that replaced their results, or, looked at with {@code
     * everyPage}, once every row's result is newer than the re-map (a refused row keeps its old one, and waits for the
     * mark). Each row of a page costs three index lookups, so a round
     * that looked at every page in flight cost about 1,500 lookups per page, again at every round the page waited.
     * The pages are found by a plain read, which locks nothing: the same test as an UPDATE's subquery read doc_ent_map
     * with shared locks and deadlocked with the workers' upserts, which then had to map their page again. A page
     * that a consistent read finds finished is finished: its outcomes were committed. The workers' attempts at a done
     * page are forgotten.
     *
     * <p>Native: it looks each row's outcome up in doc_ent_map, the workers' table, under the document key's SQL.
     */
    public Uni<Integer> markFinished(boolean everyPage) {
        return getSession()
                .chain(session -> session.createNativeQuery(everyPage ? finishedPages : finishedStoredPages, Long.class)
                        .getResultList()
                        .chain(finished -> session.createNativeQuery(
                                        everyPage ? finishedRemapPages : finishedRemapStoredPages, Long.class)
                                .getResultList()
                                .map(remapped -> concat(finished, remapped))))
                .chain(finished -> finished.isEmpty()
                        ? Uni.createFrom().item(0)
                        : update(
                                        "state = ?1, doneAt = ?2 where pageId in ?3 and state = ?4",
                                        PageState.DONE,
                                        now(),
                                        finished,
                                        PageState.SENT)
                                .call(() -> getSession().chain(session -> session.createMutationQuery(
                                                "delete from PageAttempt where pageId in ?1")
                                        .setParameter(1, finished)
                                        .executeUpdate())));
    }

    /** Pages recorded or sent and not done yet. */
    public Uni<Long> countInFlight() {
        return count("state in ?1", List.of(PageState.RECORDED, PageState.SENT));
    }

    /** The re-map's pages recorded or sent and not done yet. */
    public Uni<Long> countInFlight(long remapId) {
        return count("remapId = ?1 and state in ?2", remapId, List.of(PageState.RECORDED, PageState.SENT));
    }

    private static List<Long> concat(List<Long> some, List<Long> more) {
        List<Long> all = new ArrayList<>(some);
        all.addAll(more);
        return all;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
