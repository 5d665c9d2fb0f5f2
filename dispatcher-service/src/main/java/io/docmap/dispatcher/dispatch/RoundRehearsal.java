package io.docmap.dispatcher.dispatch;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.DispatcherConfig;
import io.docmap.dispatcher.persistence.control.DispatchControl;
import io.docmap.dispatcher.persistence.pages.DispatchPage;
import io.docmap.dispatcher.persistence.pages.DispatchPageRepository;
import io.docmap.dispatcher.persistence.pages.PageOrigin;
import io.docmap.dispatcher.persistence.pages.SentRecord;
import io.docmap.dispatcher.persistence.scan.DispatchGaps;
import io.docmap.dispatcher.persistence.scan.IdRange;
import io.docmap.dispatcher.persistence.scan.SourceScan;

/**
 * Rehearses, before the first round, what a round reads and what it does for each page it scans: the round's reads
 * (the pages in flight, unacknowledged, waiting for a worker or past their lease, the cursor, the pause), then for each
 * page a read of a page of ids, the gap it passed over, the page with its runs, its message as the page topic's
 * serializer writes it, and its mark as sent; in {@link #TRANSACTIONS} transactions of
 * {@link PageDispatcher#PAGES_PER_TRANSACTION} made-up pages, each rolled back. Nothing is sent. Without it, the first round of a run compiled this code while the workers waited for
 * their first pages: 3,265 methods and 1.7 s of the compiler's time in the benchmark's first tenth.
 *
 * <p>What it leaves: the page ids InnoDB handed out to the rolled-back pages, skipped as after any rollback. The
 * made-up source ids lie far above any real one, so that no statement of a leader's round meets the rows.
 */
@ApplicationScoped
public class RoundRehearsal {

    /**
     * Enough for C1, compiling after a tenth of the default counts, to compile what a page runs: with 5, the first
     * round still compiled the methods that record and mark a page.
     */
    static final int TRANSACTIONS = 10;

    private static final long MADE_UP_FIRST_ID = 1L << 62;

    private final SourceScan source;
    private final DispatchGaps gaps;
    private final DispatchPageRepository pages;
    private final ObjectMapper json;
    private final DispatchControl control;
    private final DispatcherConfig config;

    public RoundRehearsal(
            SourceScan source,
            DispatchGaps gaps,
            DispatchPageRepository pages,
            DispatchControl control,
            ObjectMapper json,
            DispatcherConfig config) {
        this.source = source;
        this.control = control;
        this.gaps = gaps;
        this.pages = pages;
        this.json = json;
        this.config = config;
    }

    /** Runs the rehearsal and says how many made-up pages it recorded, all rolled back. */
    public Uni<Integer> run() {
        return Multi.createFrom()
                .range(0, TRANSACTIONS)
                .onItem()
                .transformToUniAndConcatenate(
                        transaction -> Panache.withTransaction(() -> reads().chain(() -> pages(transaction, 0))
                                        .chain(recorded -> Uni.createFrom().<Integer>failure(new Rehearsal(recorded))))
                                .onFailure(Rehearsal.class)
                                .recoverWithItem(rolledBack -> ((Rehearsal) rolledBack).pages))
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Void> reads() {
        int limit = config.maxPagesInFlight();
        return pages.countInFlight()
                .chain(() -> pages.unacknowledged(limit))
                .chain(() -> pages.waitingForAWorker(limit))
                .chain(() -> pages.leaseExpired(config.lease(), limit))
                .chain(() -> source.cursor())
                .chain(() -> control.paused())
                .replaceWithVoid();
    }

    /** Records the transaction's made-up pages from {@code page} on; says how many it recorded in all. */
    private Uni<Integer> pages(int transaction, int page) {
        if (page == PageDispatcher.PAGES_PER_TRANSACTION) {
            return Uni.createFrom().item(page);
        }
        long first = MADE_UP_FIRST_ID
                + (long) (transaction * PageDispatcher.PAGES_PER_TRANSACTION + page) * 2 * config.pageSize();
        List<Long> ids = madeUpIds(first);
        return source.after(0, config.pageSize())
                .chain(() -> gaps.record(IdRange.passedOver(first - 2, ids)))
                .chain(() -> pages.record(PageOrigin.SCAN, ids))
                .invoke(recorded -> write(recorded, ids))
                .chain(recorded -> pages.markSent(recorded.pageId, new SentRecord(0, 0, null), false))
                .chain(() -> pages(transaction, page + 1));
    }

    /** A page's worth of ids from {@code first}, with one gap in the middle: two runs, as a scan often records. */
    private List<Long> madeUpIds(long first) {
        int size = config.pageSize();
        return LongStream.range(0, size)
                .map(i -> first + i + (i >= size / 2 ? 1 : 0))
                .boxed()
                .toList();
    }

    private void write(DispatchPage page, List<Long> ids) {
        try {
            json.writeValueAsBytes(page.message(ids));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a made-up page's message could not be written", e);
        }
    }

    /** Ends a rehearsal's transaction with a rollback, saying how many pages it had recorded. */
    private static final class Rehearsal extends RuntimeException {

        private final int pages;

        Rehearsal(int pages) {
            super("a rehearsal of a round's pages, rolled back", null, false, false);
            this.pages = pages;
        }
    }
}
