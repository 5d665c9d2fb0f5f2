package io.docmap.dispatcher.progress;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import io.docmap.common.DocumentKey;
import io.docmap.dispatcher.DispatcherConfig;
import io.docmap.dispatcher.persistence.attempts.PageAttemptRepository;
import io.docmap.dispatcher.persistence.counts.DocumentCounts;
import io.docmap.dispatcher.persistence.counts.PipelineCounts;
import io.docmap.dispatcher.persistence.failures.FailureRepository;
import io.docmap.dispatcher.persistence.history.OutcomeMinutes;

/**
 * Computes progress from the database, at most once every {@code progress-refresh} however many pages, browsers and
 * scrapers ask, and keeps the latest figures for the backlog gauges. The documents of source_data and doc_ent_map are
 * counted in full once every {@code progress-full-count}, and in between only past the ids counted before
 * ({@link DocumentCounts}): a count of a whole table costs the database in proportion to the table. Created at start-up,
 * so that the gauges have a value from the first scheduled count, within a second of start-up, not from the first use
 * of the bean; until then they read NaN.
 */
@Startup
@ApplicationScoped
public class ProgressService {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** How long the page's history goes back: at least the day the page shows, with room to look further. */
    static final Duration HISTORY_KEPT = Duration.ofDays(7);

    /** Stuck pages listed in the figures; the count covers them all. */
    private static final int STUCK_LISTED = 10;

    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final AtomicReference<LocalDateTime> keptMinute = new AtomicReference<>();
    private final Uni<Progress> fresh;
    private final DocumentCounts documents;
    private final Duration fullCountEvery;
    private final AtomicLong lastFullCount = new AtomicLong(System.nanoTime());
    private final OutcomeHistory history = new OutcomeHistory(RATE_WINDOW);
    private final MeterRegistry registry;
    private final List<Gauge> gauges;
    private final PageAttemptRepository attempts;
    private final FailureRepository failures;
    private final PipelineCounts pipeline;
    private final OutcomeMinutes minutes;
    private final int stuckAfter;

    public ProgressService(
            MeterRegistry registry,
            DispatcherConfig config,
            PageAttemptRepository attempts,
            FailureRepository failures,
            PipelineCounts pipeline,
            OutcomeMinutes minutes,
            AgroalDataSource database,
            DocumentKey key)
            throws SQLException {
        this.registry = registry;
        this.minutes = minutes;
        this.documents = DocumentCounts.read(database, key);
        this.attempts = attempts;
        this.failures = failures;
        this.pipeline = pipeline;
        this.stuckAfter = config.stuckAfter();
        this.fullCountEvery = config.progressFullCount();
        this.fresh = Uni.createFrom().deferred(this::compute).memoize().atLeast(config.progressRefresh());
        this.gauges = List.of(
                Gauge.builder(
                                "docmap.documents.pending",
                                latest,
                                p -> p.get() == null ? Double.NaN : p.get().pending())
                        .description("Documents with no outcome yet")
                        .register(registry),
                Gauge.builder(
                                "docmap.dispatch.documents.unfinished",
                                latest,
                                p -> p.get() == null ? Double.NaN : p.get().inFlight())
                        .description("Rows of the pages sent and not finished")
                        .register(registry),
                Gauge.builder(
                                "docmap.pages.stuck",
                                latest,
                                p -> p.get() == null ? Double.NaN : p.get().stuckPages())
                        .description("Unfinished pages whose last stuck-after attempts or more failed")
                        .register(registry));
    }

    /**
     * The gauges go with this bean. Micrometer's global registry is a static, and outside dev mode Quarkus leaves a
     * stopped application's meters in it; an application started again in the same class loader (the tests do that
     * between test classes) would get the stopped one's gauges back, reading its figures, or NaN once they are
     * collected.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    /** Figures at most {@code progress-refresh} old. */
    public Uni<Progress> current() {
        return fresh;
    }

    /** Figures computed now, for answers right after a change. */
    public Uni<Progress> now() {
        return compute();
    }

    /** Keeps the gauges fresh when nobody asks for progress. */
    @Scheduled(every = "${docmap.dispatch.progress-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return current().onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Progress> compute() {
        boolean full = fullCountDue();
        return Panache.withSession(() -> Panache.getSession().chain(session -> countAll(session, full)))
                .invoke(latest::set)
                .call(this::keepTheMinute);
    }

    /**
     * Keeps the first total counted in each minute, for the page's history; a week of them. A history that cannot be
     * written is logged and the figures still answer: the next minute tries again.
     */
    private Uni<Void> keepTheMinute(Progress figures) {
        LocalDateTime minute = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(keptMinute.get())) {
            return Uni.createFrom().voidItem();
        }
        keptMinute.set(minute);
        return Panache.withTransaction(
                        () -> minutes.record(minute, figures.stored() + figures.failed(), minute.minus(HISTORY_KEPT)))
                .onFailure()
                .recoverWithUni(e -> {
                    Log.warnf("cannot keep the outcomes of %s for the history: %s", minute, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** One statement after the other: a session runs one at a time. */
    private Uni<Progress> countAll(Mutiny.Session session, boolean full) {
        return documents.count(session, full).chain(figures -> failures.countByCause()
                .chain(byCause -> finishedInWindow(figures, byCause)
                        .chain(finished -> pipeline.read(stuckAfter).chain(now -> stuckPages(now)
                                .map(stuck -> progress(figures, byCause, finished, now, stuck))))));
    }

    /** From the totals of the counts; at the first count, counted in the database, which starts the history. */
    private Uni<Long> finishedInWindow(DocumentCounts.Figures figures, Map<String, Long> byCause) {
        long nanos = System.nanoTime();
        long outcomes = figures.results() + failed(byCause);
        OptionalLong known = history.finishedInWindow(nanos, outcomes);
        return known.isPresent()
                ? Uni.createFrom().item(known.getAsLong())
                : pipeline.finishedWithin(RATE_WINDOW).invoke(counted -> history.start(nanos, outcomes, counted));
    }

    private static long failed(Map<String, Long> failures) {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first stuck pages, read only when there are some. */
    private Uni<List<StuckPage>> stuckPages(PipelineCounts.Figures now) {
        if (now.stuckPages() == 0) {
            return Uni.createFrom().item(List.of());
        }
        return attempts.stuck(stuckAfter, STUCK_LISTED)
                .map(pages -> pages.stream().map(StuckPage::of).toList());
    }

    private static Progress progress(
            DocumentCounts.Figures figures,
            Map<String, Long> failures,
            long finishedInWindow,
            PipelineCounts.Figures now,
            List<StuckPage> stuck) {
        long failed = failed(failures);
        long documents = figures.rows() - figures.sharedRows();
        long pending = Math.max(0, documents - (figures.results() - figures.resultsWithoutSource()) - failed);
        double rate = finishedInWindow / (double) RATE_WINDOW.toSeconds();
        return new Progress(
                figures.rows(),
                figures.sharedRows(),
                documents,
                figures.results(),
                figures.resultsWithoutSource(),
                failed,
                failures,
                now.inFlight(),
                pending,
                rate,
                secondsToFinish(pending, rate),
                now.paused(),
                now.waitingPages(),
                now.stuckPages(),
                stuck,
                Stall.reason(
                        pending,
                        rate,
                        now.paused(),
                        now.inFlight(),
                        now.waitingPages(),
                        now.lostPages(),
                        now.stuckPages(),
                        stuck),
                Instant.now());
    }

    /** Whether this count reads whole tables: once every {@code progress-full-count}. */
    private boolean fullCountDue() {
        long now = System.nanoTime();
        long last = lastFullCount.get();
        return now - last >= fullCountEvery.toNanos() && lastFullCount.compareAndSet(last, now);
    }

    /** Unknown (null) while documents are pending and none finished within the rate window. */
    private static Long secondsToFinish(long pending, double rate) {
        if (pending == 0) {
            return 0L;
        }
        return rate > 0 ? Long.valueOf(Math.round(pending / rate)) : null;
    }
}
