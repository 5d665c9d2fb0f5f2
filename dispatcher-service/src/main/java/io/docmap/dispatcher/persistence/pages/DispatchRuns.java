package io.docmap.dispatcher.persistence.pages;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.persistence.ValuesInsert;
import io.docmap.dispatcher.persistence.scan.IdRange;

/** The source ids each page holds, as runs of consecutive ids ({@code dispatch_run}): one row for a scanned page. */
@ApplicationScoped
public class DispatchRuns {

    /** Records the runs of a page's ids, in the transaction that records the page. */
    public Uni<Integer> record(long pageId, List<Long> ids) {
        return insert(pageId, IdRange.runsOf(ids));
    }

    /** One multi-row INSERT, a page's runs in one statement. */
    private static Uni<Integer> insert(long pageId, List<IdRange> runs) {
        return ValuesInsert.rows(
                "dispatch_run (page_id, first_id, last_id)",
                3,
                runs.stream()
                        .map(run -> new Object[] {pageId, run.first(), run.last()})
                        .toList(),
                "");
    }

    /** The page's ids, ascending. */
    public Uni<List<Long>> idsOf(long pageId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from DispatchRun r where r.pageId = :page order by r.firstId", DispatchRun.class)
                        .setParameter("page", pageId)
                        .getResultList())
                .map(runs -> runs.stream()
                        .flatMapToLong(run -> run.range().ids())
                        .boxed()
                        .toList());
    }

    /**
     * Takes the given ids out of the pages in flight (recorded or sent, not done) that hold them, as a retry hands
     * them back: the page no longer waits for them, and a resend of it no longer carries them, so that no id is in
     * two live pages once the sweep dispatches it again. A done page keeps its runs, the record of what it carried.
     *
     * @param ids ascending, without repeats
     */
    public Uni<Integer> release(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select r from DispatchRun r, DispatchPage p where p.pageId = r.pageId"
                                        + " and p.state in :live and r.firstId <= :last and r.lastId >= :first",
                                DispatchRun.class)
                        .setParameter("live", List.of(PageState.RECORDED, PageState.SENT))
                        .setParameter("first", ids.get(0))
                        .setParameter("last", ids.get(ids.size() - 1))
                        .getResultList())
                .chain(runs -> {
                    Uni<Integer> released = Uni.createFrom().item(0);
                    for (DispatchRun run : runs) {
                        if (run.range().overlaps(ids)) {
                            released = released.chain(count ->
                                    replace(run, run.range().without(ids)).replaceWith(count + 1));
                        }
                    }
                    return released;
                });
    }

    private static Uni<Integer> replace(DispatchRun run, List<IdRange> left) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery(
                                "delete from DispatchRun r where r.pageId = :page and r.firstId = :first")
                        .setParameter("page", run.pageId)
                        .setParameter("first", run.firstId)
                        .executeUpdate())
                .chain(() -> insert(run.pageId, left));
    }
}
