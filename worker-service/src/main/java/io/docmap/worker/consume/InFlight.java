package io.docmap.worker.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import org.apache.kafka.common.TopicPartition;

import io.docmap.worker.WorkerConfig;
import io.docmap.worker.metrics.WorkerMetrics;

/**
 * The pages this worker is processing, by the partition they came from. Before this worker gives partitions up, it
 * lets the pages in flight from them finish, up to {@code drain-timeout}: on shutdown, before the Kafka consumer
 * commits and leaves the group, and when a rebalance moves partitions to another worker ({@link PartitionHandOver}).
 * Either way the next owner finds those pages stored, and maps nothing twice. Pages still unfinished then are not
 * acknowledged, and go to another worker.
 */
@ApplicationScoped
public class InFlight {

    private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final WorkerConfig config;
    private final Map<TopicPartition, Integer> pagesByPartition = new HashMap<>();
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

    /** A page from {@code partition} (null when its record names none) began. */
    public synchronized void started(TopicPartition partition, int pageDocuments) {
        pages++;
        documents += pageDocuments;
        pagesByPartition.merge(partition, 1, Integer::sum);
    }

    public synchronized void ended(TopicPartition partition, int pageDocuments) {
        pages--;
        documents -= pageDocuments;
        pagesByPartition.computeIfPresent(partition, (key, count) -> count == 1 ? null : count - 1);
        notifyAll();
    }

    public synchronized int pages() {
        return pages;
    }

    public synchronized int documents() {
        return documents;
    }

    /**
     * Waits, up to drain-timeout, until no page from the given partitions is in flight. Called on the Kafka consumer's
     * thread while a rebalance takes the partitions away: the group assigns them to their next owner only once this
     * returns. A shutdown has waited for every page already ({@link #drain}) and does not wait again.
     */
    void handOver(Collection<TopicPartition> partitions) throws InterruptedException {
        int waiting = inFlightFrom(partitions);
        if (draining || waiting == 0) {
            return;
        }
        Log.infof(
                "%s move to another worker: finishing their %d pages in flight first, for up to %s",
                partitions, waiting, config.drainTimeout());
        int unfinished = awaitNone(() -> inFlightFrom(partitions));
        if (unfinished > 0) {
            Log.warnf(
                    "handing over %s with %d pages unfinished after %s; their next owner takes them again",
                    partitions, unfinished, config.drainTimeout());
        }
    }

    /** Runs before the messaging connectors close, so the consumer still commits what the drain acknowledges. */
    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event)
            throws InterruptedException {
        draining = true;
        Log.infof("shutting down: finishing %d pages in flight, for up to %s", pages(), config.drainTimeout());
        int unfinished = awaitNone(this::pages);
        if (unfinished > 0) {
            Log.warnf(
                    "shutting down with %d pages unfinished; they are not acknowledged and go to another worker",
                    unfinished);
        }
    }

    /** Waits until {@code count} is 0 or drain-timeout has passed; returns the count then. */
    private synchronized int awaitNone(IntSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (count.getAsInt() > 0 && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(deadline - System.nanoTime(), WAKE_UP_NANOS));
        }
        return count.getAsInt();
    }

    private synchronized int inFlightFrom(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .mapToInt(partition -> pagesByPartition.getOrDefault(partition, 0))
                .sum();
    }
}
