package io.docmap.worker.consume;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

import io.docmap.worker.WorkerConfig;
import io.docmap.worker.metrics.WorkerMetrics;

/**
 * The pages this worker is processing. On shutdown it stops taking new pages and lets those in flight finish, up to
 * {@code drain-timeout}, before the Kafka consumer commits and leaves the group: a scale-down hands over the
 * partitions without redoing work. Pages still unfinished then are not acknowledged, and go to another worker.
 */
@ApplicationScoped
public class InFlight {

    private final WorkerConfig config;
    private int pages;
    private int documents;
    private volatile boolean draining;

    public InFlight(WorkerConfig config, WorkerMetrics metrics) {
        this.config = config;
        metrics.inFlight(this::pages, this::documents);
    }

    /** False once shutdown has begun: a page received now is left unacknowledged for another worker. */
    public boolean accepting() {
        return !draining;
    }

    public synchronized void started(int pageDocuments) {
        pages++;
        documents += pageDocuments;
    }

    public synchronized void ended(int pageDocuments) {
        pages--;
        documents -= pageDocuments;
        notifyAll();
    }

    public synchronized int pages() {
        return pages;
    }

    public synchronized int documents() {
        return documents;
    }

    /** Runs before the messaging connectors close, so the consumer still commits what the drain acknowledges. */
    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event)
            throws InterruptedException {
        draining = true;
        Duration timeout = config.drainTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            Log.infof("shutting down: finishing %d pages in flight, for up to %s", pages, timeout);
            while (pages > 0 && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(
                        this, Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
            }
            if (pages > 0) {
                Log.warnf(
                        "shutting down with %d pages unfinished; they are not acknowledged and go to another worker",
                        pages);
            }
        }
    }
}
