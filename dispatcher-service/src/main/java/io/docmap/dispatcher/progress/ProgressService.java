package io.docmap.dispatcher.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.DispatcherConfig;

/**
 * Computes progress from the database, at most once every {@code progress-refresh} however many pages, browsers and
 * scrapers ask, and keeps the latest figures for the backlog gauges. The counts read whole tables, so asking more
 * often would put a cost that grows with the tables on the database. Created at start-up, so that the gauges exist
 * from the first scrape, not from the first use of the bean.
 */
@Startup
@ApplicationScoped
public class ProgressService {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final Uni<Progress> fresh;

    public ProgressService(MeterRegistry registry, DispatcherConfig config) {
        this.fresh = Uni.createFrom().deferred(this::compute).memoize().atLeast(config.progressRefresh());
        Gauge.builder(
                        "docmap.backlog",
                        latest,
                        p -> p.get() == null ? Double.NaN : p.get().pending())
                .description("Documents with no outcome yet")
                .baseUnit("documents")
                .register(registry);
        Gauge.builder(
                        "docmap.documents.in.flight",
                        latest,
                        p -> p.get() == null ? Double.NaN : p.get().inFlight())
                .description("Documents of pages sent and not finished")
                .baseUnit("documents")
                .register(registry);
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
        LocalDateTime since = LocalDateTime.now(ZoneOffset.UTC).minus(RATE_WINDOW);
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                """
                                SELECT (SELECT COUNT(*) FROM source_data),
                                       (SELECT COUNT(*) FROM doc_ent_map),
                                       (SELECT COUNT(*) FROM doc_failure),
                                       (SELECT COALESCE(SUM(doc_count), 0) FROM dispatch_page WHERE state IN ('RECORDED', 'SENT')),
                                       (SELECT COUNT(*) FROM doc_ent_map WHERE create_time >= ?1)
                                         + (SELECT COUNT(*) FROM doc_failure WHERE last_failed_at >= ?1),
                                       (SELECT paused FROM dispatch_control WHERE name = 'dispatch')""",
                                Object[].class)
                        .setParameter(1, since)
                        .getSingleResult()))
                .map(row -> {
                    long total = number(row[0]);
                    long stored = number(row[1]);
                    long failed = number(row[2]);
                    long pending = Math.max(0, total - stored - failed);
                    double rate = number(row[4]) / (double) RATE_WINDOW.toSeconds();
                    Long eta = secondsToFinish(pending, rate);
                    boolean paused = row[5] instanceof Boolean b ? b : number(row[5]) != 0;
                    return new Progress(
                            total, stored, failed, number(row[3]), pending, rate, eta, paused, Instant.now());
                })
                .invoke(latest::set);
    }

    /** Unknown (null) while documents are pending and none finished within the rate window. */
    private static Long secondsToFinish(long pending, double rate) {
        if (pending == 0) {
            return 0L;
        }
        return rate > 0 ? Long.valueOf(Math.round(pending / rate)) : null;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
