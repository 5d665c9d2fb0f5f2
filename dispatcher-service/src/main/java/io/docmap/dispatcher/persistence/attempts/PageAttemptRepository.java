package io.docmap.dispatcher.persistence.attempts;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.persistence.pages.PageState;

/** Reads the workers' account of their attempts, for the stall reports. */
@ApplicationScoped
public class PageAttemptRepository implements PanacheRepositoryBase<PageAttempt, Long> {

    /** The unfinished pages whose last {@code failures} attempts or more all failed, those failing longest first. */
    public Uni<List<PageAttempt>> stuck(int failures, int limit) {
        return find(
                        "from PageAttempt a where a.failures >= ?1 and exists"
                                + " (from DispatchPage p where p.pageId = a.pageId and p.state = ?2)"
                                + " order by a.failures desc, a.pageId",
                        failures,
                        PageState.SENT)
                .page(0, limit)
                .list();
    }

    /** The pages a worker has taken at their latest send and not finished: the pages the workers hold. */
    public Uni<List<Long>> takenUnfinished() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select a.pageId from PageAttempt a, DispatchPage p"
                                + " where p.pageId = a.pageId and p.sendCount = a.sendCount and p.state = ?1",
                        Long.class)
                .setParameter(1, PageState.SENT)
                .getResultList());
    }
}
