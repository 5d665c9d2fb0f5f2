package io.docmap.worker.mapping;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
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

    /** Runs the operation once a permit is free, before any waiting operation of a higher priority value. */
    public <T> Uni<T> run(long priority, Supplier<Uni<T>> operation) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            Runnable start = () -> operation
                    .get()
                    .onTermination()
                    .invoke(this::release)
                    .subscribe()
                    .with(emitter::complete, emitter::fail);
            acquire(priority, start, caller);
        });
    }

    /** Operations running now; for metrics and tests. */
    public synchronized int running() {
        return running;
    }

    private void acquire(long priority, Runnable start, Context caller) {
        synchronized (this) {
            if (running >= permits) {
                Runnable onCaller = caller == null ? start : () -> caller.runOnContext(ignored -> start.run());
                waiting.add(new Waiting(priority, arrivals++, onCaller));
                return;
            }
            running++;
        }
        start.run();
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
