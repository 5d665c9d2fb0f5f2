package io.docmap.worker.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.MappingOutcome;

/** The worker's meters, named {@code docmap.*}; Prometheus shows them as {@code docmap_*} at /q/metrics. */
@Startup
@ApplicationScoped
public class WorkerMetrics {

    /** The outcome of a mapper call that answered with something usable. */
    public static final String ANSWERED = "answered";

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter deadLettered;
    private final Timer pageDuration;
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder("docmap.documents.stored")
                .description("Documents whose result this worker stored")
                .register(registry);
        this.deadLettered = Counter.builder("docmap.pages.dead.lettered")
                .description("Page messages no worker can read, sent to the dead-letter topic")
                .register(registry);
        this.pageDuration = Timer.builder("docmap.page.duration")
                .description("Time to load, map and store one page")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Registers the gauges of pages and documents in flight, read from where the worker tracks them. */
    public void inFlight(Supplier<Number> pages, Supplier<Number> documents) {
        gauges.add(Gauge.builder("docmap.worker.pages.in.flight", pages)
                .description("Pages this worker is processing")
                .register(registry));
        gauges.add(Gauge.builder("docmap.worker.documents.in.flight", documents)
                .description("Documents named by the pages this worker is processing")
                .register(registry));
    }

    /** Registers the gauge of mapper calls in flight, read from the limiter that bounds them. */
    public void mapperCallsInFlight(Supplier<Number> running) {
        gauges.add(Gauge.builder("docmap.mapper.calls.in.flight", running)
                .description("Mapper calls in flight")
                .register(registry));
    }

    /**
     * The gauges go with the beans they read. Micrometer's global registry is a static, and outside dev mode Quarkus
     * leaves a stopped application's meters in it; an application started again in the same class loader (the tests
     * do that between test classes) would get the stopped one's gauges back, reading the stopped one's figures.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    public void pageDeadLettered() {
        deadLettered.increment();
    }

    public void pageStored(MappingOutcome outcome, long nanos) {
        pageDuration.record(Duration.ofNanos(nanos));
        stored.increment(outcome.results().size());
        for (DocumentFailure failure : outcome.failures()) {
            Counter.builder("docmap.documents.failed")
                    .description("Documents this worker recorded as failed, by cause")
                    .tag("cause", failure.cause().code())
                    .register(registry)
                    .increment();
        }
    }

    public Timer.Sample startMapperCall() {
        return Timer.start(registry);
    }

    /**
     * Ends a mapper call's timing, tagged with its outcome: answered, or the cause that also counts it as an error
     * (timeout, server-error, endpoint, unreachable, rejected, unusable-answer).
     */
    public void mapperCallEnded(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("docmap.mapper.call.duration")
                .description("Latency of one mapper call attempt")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry));
        if (!ANSWERED.equals(outcome)) {
            Counter.builder("docmap.mapper.errors")
                    .description("Mapper calls that failed, by cause")
                    .tag("cause", outcome)
                    .register(registry)
                    .increment();
        }
    }
}
