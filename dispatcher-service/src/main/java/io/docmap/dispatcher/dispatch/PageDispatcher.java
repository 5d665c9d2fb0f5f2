package io.docmap.dispatcher.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import io.docmap.common.FailureCause;
import io.docmap.dispatcher.DispatcherConfig;
import io.docmap.dispatcher.kafka.PageTopic;
import io.docmap.dispatcher.kafka.PartitionSpan;
import io.docmap.dispatcher.leadership.Leadership;
import io.docmap.dispatcher.persistence.control.DispatchControl;
import io.docmap.dispatcher.persistence.entities.EntityTally;
import io.docmap.dispatcher.persistence.leader.LeaderFence;
import io.docmap.dispatcher.persistence.leader.LeadershipLostException;
import io.docmap.dispatcher.persistence.pages.DispatchPage;
import io.docmap.dispatcher.persistence.pages.DispatchPageRepository;
import io.docmap.dispatcher.persistence.pages.LegacyDispatchItems;
import io.docmap.dispatcher.persistence.pages.PageOrigin;
import io.docmap.dispatcher.persistence.pages.SentRecord;
import io.docmap.dispatcher.persistence.remap.Remap;
import io.docmap.dispatcher.persistence.remap.RemapRepository;
import io.docmap.dispatcher.persistence.remap.RemapState;
import io.docmap.dispatcher.persistence.scan.DispatchGaps;
import io.docmap.dispatcher.persistence.scan.IdRange;
import io.docmap.dispatcher.persistence.scan.SourceScan;

/**
 * One dispatch round. Each page is recorded in the database first (moving the cursor past scanned pages), then sent,
 * and marked sent only once the broker has acknowledged it. A crash anywhere leaves a recorded page,
 * which the next round sends again before it reads anything new; workers make a second delivery harmless.
 */
@ApplicationScoped
public class PageDispatcher {

    /** Gap ranges per sweep query: one statement's list of primary-key ranges. */
    private static final int GAPS_PER_QUERY = 500;

    /**
     * Scanned pages recorded in one transaction and sent together: each transaction, commit and acknowledgement
     * cost a page about 70 ms when pages went one by one, which bounded the dispatcher near 7,000 documents a second.
     */
    static final int PAGES_PER_TRANSACTION = 4;

    private final SourceScan source;
    private final DispatchGaps gaps;
    private final DispatchPageRepository pages;
    private final PagePublisher publisher;
    private final PageTopic topic;
    private final DispatchControl control;
    private final Leadership leadership;
    private final LeaderFence fence;
    private final LegacyDispatchItems legacy;
    private final RemapRepository remaps;
    private final EntityTally entities;
    private final DispatcherConfig config;
    private final Counter pagesSent;
    private final Counter documentsSent;
    private final Counter pagesLost;
    private long lastSweepNanos = System.nanoTime();
    private long lastLostCheckNanos = System.nanoTime();
    /** Long ago: the first round looks at every page, for those a previous run left finished. */
    private long lastFullFinishCheckNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    /** The epoch in which this dispatcher adopted what an earlier version left ({@link LegacyDispatchItems}). */
    private long adoptedInEpoch = -1;

    public PageDispatcher(
            SourceScan source,
            DispatchGaps gaps,
            DispatchPageRepository pages,
            PagePublisher publisher,
            PageTopic topic,
            DispatchControl control,
            Leadership leadership,
            LeaderFence fence,
            LegacyDispatchItems legacy,
            RemapRepository remaps,
            EntityTally entities,
            DispatcherConfig config,
            MeterRegistry registry) {
        this.remaps = remaps;
        this.entities = entities;
        this.source = source;
        this.gaps = gaps;
        this.pages = pages;
        this.publisher = publisher;
        this.topic = topic;
        this.control = control;
        this.leadership = leadership;
        this.fence = fence;
        this.legacy = legacy;
        this.config = config;
        this.pagesSent = Counter.builder("docmap.pages.dispatched")
                .description("Pages sent to the page topic and acknowledged by the broker, re-sends included")
                .register(registry);
        this.documentsSent = Counter.builder("docmap.documents.dispatched")
                .description("Documents in the pages sent, re-sends included")
                .register(registry);
        this.pagesLost = Counter.builder("docmap.pages.lost")
                .description("Pages sent again because Kafka lost their record before any worker took it")
                .register(registry);
    }

    /**
     * Runs a round and says what it did. While paused, a round only marks finished pages: those a worker marked stored,
     * and every sweep-interval all of them, for the pages whose outcomes came another way (a lease that ran out, a
     * worker of an earlier version).
     */
    public Uni<Round> runOnce() {
        boolean everyPage = System.nanoTime() - lastFullFinishCheckNanos
                >= config.sweepInterval().toNanos();
        if (everyPage) {
            lastFullFinishCheckNanos = System.nanoTime();
        }
        return adoptOnceInEpoch()
                .chain(() -> fenced(() ->
                        pages.markFinished(everyPage).chain(entities::foldIfDue).chain(control::paused)))
                .chain(paused -> paused ? Uni.createFrom().item(Round.IDLE) : sendRound());
    }

    /** Before its first round as leader, a dispatcher adopts what an earlier version left; once each epoch. */
    private Uni<Void> adoptOnceInEpoch() {
        long epoch = leadership.epoch();
        if (epoch == adoptedInEpoch) {
            return Uni.createFrom().voidItem();
        }
        return fenced(legacy::adopt).invoke(() -> adoptedInEpoch = epoch);
    }

    private Uni<Round> sendRound() {
        return resendUnacknowledged()
                .chain(resent -> resendLostIfDue().map(lost -> resent + lost))
                .chain(resent -> renewOrExpireLeases().map(renewed -> resent + renewed))
                .chain(sent -> sweepIfDue().map(swept -> sent + swept))
                .chain(sent -> dispatchAhead().map(ahead -> ahead.plus(sent)))
                .chain(round -> remapAhead().map(round::plus));
    }

    /**
     * Sends the running re-map's next pages into the room the run left, up to remap-pages-in-flight of its own, and
     * ends it once its scan is through and its pages are done. The scan of new rows ran first, so they come first.
     */
    private Uni<Integer> remapAhead() {
        return Panache.withSession(() -> remaps.open()
                        .chain(remap -> remap == null || remap.state != RemapState.RUNNING
                                ? Uni.createFrom().item(0)
                                : pages.countInFlight().chain(inFlight -> pages.countInFlight(remap.remapId)
                                        .map(remapInFlight -> (int) Math.min(
                                                config.maxPagesInFlight() - inFlight,
                                                config.remapPagesInFlight() - remapInFlight)))))
                .chain(room -> room <= 0
                        ? Uni.createFrom().item(List.<RecordedPage>of())
                        : recordingUnlessPaused(List.of(), () -> remapPages(Math.min(room, PAGES_PER_TRANSACTION))))
                .chain(recorded -> recorded.isEmpty()
                        ? Uni.createFrom().item(0)
                        : send(recorded, false).chain(this::remapAhead).map(more -> more + recorded.size()));
    }

    /** Records up to {@code count} pages of the running re-map, in the caller's transaction; ends it when it is done. */
    private Uni<List<RecordedPage>> remapPages(int count) {
        return remaps.open().chain(remap -> {
            if (remap == null || remap.state != RemapState.RUNNING) {
                return Uni.createFrom().item(List.of());
            }
            if (remap.scanned()) {
                return remaps.finishIfDone(remap.remapId)
                        .invoke(done -> {
                            if (done) {
                                Log.infof("re-map %d done: %,d documents selected", remap.remapId, remap.selected);
                            }
                        })
                        .replaceWith(List.of());
            }
            // Its pages keep what their results named before: it waits until the counts have taken those in.
            return entities.countedUpTo().chain(counted -> {
                if (counted < remap.lastResultId) {
                    entities.foldNextRound();
                    return Uni.createFrom().item(List.<RecordedPage>of());
                }
                return remapPages(remap, count, new ArrayList<>());
            });
        });
    }

    private Uni<List<RecordedPage>> remapPages(Remap remap, int count, List<RecordedPage> recorded) {
        if (recorded.size() == count || remap.scanned()) {
            return Uni.createFrom().item(recorded);
        }
        return remaps.nextPage(remap, config.pageSize())
                .chain(next -> next.ids().isEmpty()
                        ? Uni.createFrom().item(recorded)
                        : pages.recordRemap(
                                        remap.remapId, remap.requestedAt, next.ids(), entities.snapshot(next.before()))
                                .chain(page -> {
                                    recorded.add(new RecordedPage(page, next.ids()));
                                    return remapPages(remap, count, recorded);
                                }));
    }

    /** Makes the next round sweep behind the cursor, whenever the last sweep was. */
    public void sweepNextRound() {
        lastSweepNanos = System.nanoTime() - config.sweepInterval().toNanos();
    }

    private Uni<Integer> resendUnacknowledged() {
        return Panache.withSession(() -> pages.unacknowledged(config.maxPagesInFlight()))
                .chain(recorded -> sequentially(recorded, page -> {
                    Log.infof(
                            "sending page %d again: it was recorded but never acknowledged by the broker", page.pageId);
                    return resend(page, false).replaceWith(1);
                }));
    }

    /**
     * Every lost-page-check, sends again the pages that Kafka lost before any worker took them: their record was
     * deleted (retention, or by hand), the topic was re-created, or the workers' group was reset past them. Nothing
     * else would: no lease runs for a page that no worker took. A page that merely waits in a backlog is left alone,
     * however long. The broker is read before the database, so that a page taken in between is never thought lost:
     * a worker records its take before the page's offset can be committed.
     */
    private Uni<Integer> resendLostIfDue() {
        if (System.nanoTime() - lastLostCheckNanos < config.lostPageCheck().toNanos()) {
            return Uni.createFrom().item(0);
        }
        lastLostCheckNanos = System.nanoTime();
        // Only the broker's answer is optional: a page that fails to go out again fails the round, as any send does.
        return topic.spans()
                .map(Optional::of)
                .onFailure()
                .recoverWithItem(e -> {
                    Log.warnf(
                            "cannot tell whether Kafka lost the pages that wait for a worker (%s); asking again in %s",
                            e.toString(), config.lostPageCheck());
                    return Optional.empty();
                })
                .chain(spans -> spans.isEmpty() ? Uni.createFrom().item(0) : resendLost(spans.get()));
    }

    private Uni<Integer> resendLost(Map<Integer, PartitionSpan> spans) {
        return Panache.withSession(() -> pages.waitingForAWorker(config.maxPagesInFlight()))
                .chain(waiting -> sequentially(waiting, page -> {
                    String reason = lostReason(page, spans);
                    if (reason == null) {
                        return Uni.createFrom().item(0);
                    }
                    Log.warnf(
                            "page %d was lost by Kafka before any worker took it: %s; sending it again, not counted"
                                    + " against max-sends",
                            page.pageId, reason);
                    pagesLost.increment();
                    return resend(page, true).replaceWith(1);
                }));
    }

    private static String lostReason(DispatchPage page, Map<Integer, PartitionSpan> spans) {
        PartitionSpan span = spans.get(page.sentPartition);
        return span == null
                ? "its partition " + page.sentPartition + " is no longer in the topic: it was re-created"
                : span.lostReason(page.sentPartition, page.sentOffset);
    }

    /**
     * Pages that a worker took and then left unfinished, with no attempt begun for longer than the lease (the worker
     * died, or hangs), are sent again, up to max-sends times in all. Past that, their documents without an outcome
     * are recorded as failed with cause lease-expired: visible, and retryable like any failure. A worker renews the
     * lease at every attempt, so an outage that it keeps retrying never expires a page; the page is reported stuck
     * instead.
     */
    private Uni<Integer> renewOrExpireLeases() {
        return Panache.withSession(() -> pages.leaseExpired(config.lease(), config.maxPagesInFlight()))
                .chain(expired -> sequentially(expired, page -> {
                    if (page.sendsCounted() >= config.maxSends() && page.remapId != null) {
                        return fenced(() -> pages.giveUp(page.pageId))
                                .invoke(() -> Log.errorf(
                                        "re-map page %d unfinished after %d sends, each left by a worker for longer"
                                                + " than the %s lease: its documents keep the results they had",
                                        page.pageId, page.sendsCounted(), config.lease()))
                                .replaceWith(0);
                    }
                    if (page.sendsCounted() < config.maxSends()) {
                        Log.warnf(
                                "page %d unfinished %s after a worker last took it, at send %d of %d: sending it again",
                                page.pageId, config.lease(), page.sendsCounted(), config.maxSends());
                        return resend(page, false).replaceWith(1);
                    }
                    String message = "page " + page.pageId + " unfinished after " + page.sendsCounted() + " sends, each"
                            + " left by a worker for longer than the " + config.lease() + " lease";
                    return fenced(() -> pages.failUnfinished(page.pageId, FailureCause.LEASE_EXPIRED, message))
                            .invoke(failed ->
                                    Log.errorf("%s: %d documents recorded as failed (lease-expired)", message, failed))
                            .replaceWith(0);
                }));
    }

    private Uni<Void> resend(DispatchPage page, boolean lost) {
        return Panache.withSession(() -> pages.idsOf(page.pageId))
                .chain(ids -> send(List.of(new RecordedPage(page, ids)), lost));
    }

    /** Runs one step per item, one after the other, and adds up what the steps return. */
    private static <T> Uni<Integer> sequentially(List<T> items, Function<T, Uni<Integer>> step) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(step::apply)
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * Scans ahead of the cursor while fewer than max-pages-in-flight pages are unfinished, up to
     * {@link #PAGES_PER_TRANSACTION} pages per transaction, which are then sent together. The ids a page passes over
     * are noted with it, in its transaction, for the sweep, and the cursor moves past the pages in it too.
     */
    private Uni<Round> dispatchAhead() {
        return whileRoom(room -> recordingUnlessPaused(List.of(), () -> source.cursor()
                .chain(cursor -> scanPages(cursor, Math.min(room, PAGES_PER_TRANSACTION), new ArrayList<>())
                        .call(scanned -> scanned.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : source.move(
                                        cursor, scanned.get(scanned.size() - 1).page().lastSourceId)))));
    }

    /** Records up to {@code count} scanned pages after {@code after}, one after the other, in the caller's transaction. */
    private Uni<List<RecordedPage>> scanPages(long after, int count, List<RecordedPage> recorded) {
        if (recorded.size() == count) {
            return Uni.createFrom().item(recorded);
        }
        return source.after(after, config.pageSize())
                .call(ids -> gaps.record(IdRange.passedOver(after, ids)))
                .chain(ids -> recordPage(PageOrigin.SCAN, ids))
                .chain(page -> {
                    if (page == null) {
                        return Uni.createFrom().item(recorded);
                    }
                    recorded.add(page);
                    return scanPages(page.page().lastSourceId, count, recorded);
                });
    }

    /**
     * Every sweep-interval, looks for rows that committed behind the cursor: only in the gaps, since every other id
     * behind the cursor was dispatched when the scan passed it. Then gives up on gaps past the horizon.
     */
    private Uni<Integer> sweepIfDue() {
        if (System.nanoTime() - lastSweepNanos < config.sweepInterval().toNanos()) {
            return Uni.createFrom().item(0);
        }
        lastSweepNanos = System.nanoTime();
        return Panache.withSession(gaps::all)
                .chain(ranges -> sequentially(chunks(ranges), this::sweepFrom))
                .call(() -> fenced(() -> gaps.retirePastHorizon(config.gapHorizon())));
    }

    private static List<List<IdRange>> chunks(List<IdRange> ranges) {
        List<List<IdRange>> chunks = new ArrayList<>();
        for (int from = 0; from < ranges.size(); from += GAPS_PER_QUERY) {
            chunks.add(ranges.subList(from, Math.min(ranges.size(), from + GAPS_PER_QUERY)));
        }
        return chunks;
    }

    /**
     * Sweeps page after page while fewer than max-pages-in-flight pages are unfinished, in the same loop as the scan:
     * a retry of many failures, or a large import that committed late, would otherwise send them all at once, and
     * their leases would run out in Kafka before any worker took them. What the cap holds back stays in the ranges,
     * and the next round sweeps again.
     */
    private Uni<Integer> sweepFrom(List<IdRange> ranges) {
        AtomicLong after = new AtomicLong();
        return whileRoom(room -> recordingUnlessPaused((RecordedPage) null, () -> source.in(
                                        ranges, after.get(), config.pageSize())
                                .call(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : gaps.take(ids))
                                .chain(ids -> recordPage(PageOrigin.SWEEP, ids)))
                        .map(page -> {
                            if (page == null) {
                                return List.<RecordedPage>of();
                            }
                            Log.infof(
                                    "sweep found %d rows that committed behind the cursor, from id %d",
                                    page.page().docCount, page.page().firstSourceId);
                            after.set(page.page().lastSourceId);
                            return List.of(page);
                        }))
                .invoke(round -> {
                    if (round.full()) {
                        sweepNextRound();
                    }
                })
                .map(Round::sent);
    }

    /** Records and sends pages, as many at a time as {@code nextPages} makes of the room left, while there is room. */
    private Uni<Round> whileRoom(Function<Integer, Uni<List<RecordedPage>>> nextPages) {
        return Panache.withSession(pages::countInFlight).chain(inFlight -> {
            if (inFlight >= config.maxPagesInFlight()) {
                return Uni.createFrom().item(Round.FULL);
            }
            return nextPages
                    .apply((int) (config.maxPagesInFlight() - inFlight))
                    .chain(recorded -> recorded.isEmpty()
                            ? Uni.createFrom().item(Round.IDLE)
                            : send(recorded, false)
                                    .chain(() -> whileRoom(nextPages))
                                    .map(more -> more.plus(recorded.size())));
        });
    }

    private Uni<RecordedPage> recordPage(PageOrigin origin, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return pages.record(origin, ids).map(page -> new RecordedPage(page, ids));
    }

    /**
     * A transaction that records pages, behind the leader's fence, unless dispatch is paused: read in the same
     * transaction, so that a pause stops a round under way at its next transaction. A row inserted after the pause
     * committed is never recorded: a transaction that began before the pause does not see the row either.
     */
    private <T> Uni<T> recordingUnlessPaused(T whenPaused, Supplier<Uni<T>> record) {
        return fenced(
                () -> control.paused().chain(paused -> paused ? Uni.createFrom().item(whenPaused) : record.get()));
    }

    /**
     * A transaction of this round's writes, behind the leader's fence: it fails, changing nothing, once another
     * dispatcher has taken the lock.
     */
    private <T> Uni<T> fenced(Supplier<Uni<T>> work) {
        long epoch = leadership.epoch();
        return Panache.withTransaction(() -> fence.check(epoch).chain(() -> work.get()));
    }

    /**
     * Sends pages, all at once, then marks them sent in one transaction. A
     * leader that froze mid-round and thawed finds its lead lapsed before it sends ({@link Leadership#leader()}), and
     * the marks behind the fence. A page whose send fails stays recorded, and the next round sends it again.
     */
    private Uni<Void> send(List<RecordedPage> recorded, boolean lost) {
        if (!leadership.leader()) {
            return Uni.createFrom()
                    .failure(new LeadershipLostException("this dispatcher's lead lapsed before it sent page "
                            + recorded.get(0).page().pageId + ": it stands by, and the leader sends the page"));
        }
        long epoch = leadership.epoch();
        List<Uni<SentRecord>> sends = recorded.stream()
                .map(page -> publisher.publish(page.page().message(page.ids()), epoch))
                .toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .chain(records -> fenced(() -> markSent(recorded, records, lost)))
                .invoke(() -> recorded.forEach(page -> {
                    pagesSent.increment();
                    documentsSent.increment(page.ids().size());
                }))
                .replaceWithVoid();
    }

    private Uni<Integer> markSent(List<RecordedPage> recorded, List<SentRecord> records, boolean lost) {
        Uni<Integer> marked = Uni.createFrom().item(0);
        for (int i = 0; i < recorded.size(); i++) {
            long pageId = recorded.get(i).page().pageId;
            SentRecord record = records.get(i);
            marked = marked.chain(() -> pages.markSent(pageId, record, lost));
        }
        return marked;
    }

    /** A page just recorded, with its ids. */
    private record RecordedPage(DispatchPage page, List<Long> ids) {}

    /**
     * What a round did: the pages it sent, and whether it stopped because max-pages-in-flight were unfinished, with
     * more of the backlog perhaps waiting for room.
     */
    public record Round(int sent, boolean full) {

        static final Round IDLE = new Round(0, false);
        static final Round FULL = new Round(0, true);

        Round plus(int moreSent) {
            return new Round(sent + moreSent, full);
        }
    }
}
