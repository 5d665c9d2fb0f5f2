package io.docmap.worker.mapping;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An asynchronous semaphore: at most {@code permits} operations run at once, across every caller; the rest wait
 * in order, without holding a thread. A waiting operation starts on its own caller's Vert.x context, not on the
 * context of the operation that freed the permit: Hibernate Reactive keeps its session on the context, and pages
 * must never share one.
 */
public final class ConcurrencyLimiter {

    private final int permits;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public ConcurrencyLimiter(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        this.permits = permits;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> operation) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            Runnable start = () -> operation
                    .get()
                    .onTermination()
                    .invoke(this::release)
                    .subscribe()
                    .with(emitter::complete, emitter::fail);
            acquire(start, caller);
        });
    }

    /** Operations running now; for metrics and tests. */
    public synchronized int running() {
        return running;
    }

    private void acquire(Runnable start, Context caller) {
        synchronized (this) {
            if (running >= permits) {
                waiting.add(caller == null ? start : () -> caller.runOnContext(ignored -> start.run()));
                return;
            }
            running++;
        }
        start.run();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }
}
