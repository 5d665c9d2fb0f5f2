package io.docmap.worker.mapping;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An asynchronous semaphore: at most {@code permits} operations run at once, across every caller; the rest wait
 * without holding a thread. Waiting operations start by priority (lowest first), then in order of arrival. The
 * worker gives every batch its page's ticket, so the oldest page's batches go first: pages finish one after the
 * other instead of all together, and while one page is stored and the next is loaded, the pages after it keep the
 * mapper busy.
 *
 * <p>A waiting operation starts on its own caller's Vert.x context, not on the context of the operation that freed
 * the permit: Hibernate Reactive keeps its session on the context, and pages must never share one.
 */
public final class ConcurrencyLimiter {

    private record Waiting(long priority, long arrival, Runnable start) {}

    private static final Comparator<Waiting> FIRST_TO_START =
            Comparator.comparingLong(Waiting::priority).thenComparingLong(Waiting::arrival);

    private final int permits;
    private final Queue<Waiting> waiting = new PriorityQueue<>(FIRST_TO_START);
    private long arrivals;
    private int running;

    public ConcurrencyLimiter(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        this.permits = permits;
    }

    /**
     * Runs the operation once a permit is free, before any waiting operation of a higher priority value. Cancelled
     * while it waits, it leaves the queue; cancelled while it runs, the operation is cancelled and frees its permit.
     */
    public <T> Uni<T> run(long priority, Supplier<Uni<T>> operation) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            AtomicReference<Cancellable> running = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable start = () -> {
                if (ended.get()) {
                    release();
                    return;
                }
                running.set(operation
                        .get()
                        .onTermination()
                        .invoke(this::release)
                        .subscribe()
                        .with(emitter::complete, emitter::fail));
            };
            Waiting queued = acquire(priority, start, caller);
            emitter.onTermination(() -> {
                ended.set(true);
                if (queued == null || !leaveQueue(queued)) {
                    Cancellable operationRunning = running.get();
                    if (operationRunning != null) {
                        operationRunning.cancel();
                    }
                }
            });
        });
    }

    /** Operations running now; for metrics and tests. */
    public synchronized int running() {
        return running;
    }

    /** Starts the operation now, or queues it and returns its place in the queue. */
    private Waiting acquire(long priority, Runnable start, Context caller) {
        synchronized (this) {
            if (running >= permits) {
                Runnable onCaller = caller == null ? start : () -> caller.runOnContext(ignored -> start.run());
                Waiting queued = new Waiting(priority, arrivals++, onCaller);
                waiting.add(queued);
                return queued;
            }
            running++;
        }
        start.run();
        return null;
    }

    private synchronized boolean leaveQueue(Waiting queued) {
        return waiting.remove(queued);
    }

    private void release() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.start().run();
    }
}
