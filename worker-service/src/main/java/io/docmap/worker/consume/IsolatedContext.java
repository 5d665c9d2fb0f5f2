package io.docmap.worker.consume;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.docmap.common.vertx.FreshContexts;

/**
 * Runs each page on a fresh duplicated Vert.x context ({@link FreshContexts}): pages processed at the same time must
 * not share a Hibernate Reactive session, and they take the event loops in turn.
 */
@ApplicationScoped
public class IsolatedContext {

    private final Vertx vertx;

    public IsolatedContext(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs the work for a record on a context of its own, within the record's trace when tracing is on: the consumer
     * span that SmallRye started from the record's {@code traceparent} header becomes the parent of the mapper calls
     * and the database writes.
     */
    public <T> Uni<T> run(Message<?> record, Supplier<Uni<T>> work) {
        io.opentelemetry.context.Context trace = TracingMetadata.fromMessage(record)
                .map(TracingMetadata::getCurrentContext)
                .orElse(null);
        return Uni.createFrom().emitter(emitter -> {
            Context context = FreshContexts.create(vertx);
            Cancellation cancellation = new Cancellation();
            // On the page's own context: the cancelled work may close a Hibernate Reactive session, bound to it.
            emitter.onTermination(() -> context.runOnContext(ignored -> cancellation.cancel()));
            context.runOnContext(ignored -> {
                Scope scope = trace == null ? Scope.noop() : trace.makeCurrent();
                cancellation.started(work.get()
                        .onTermination()
                        .invoke(scope::close)
                        .subscribe()
                        .with(emitter::complete, emitter::fail));
            });
        });
    }

    /**
     * Carries a cancellation of the outer Uni (the page timeout abandoning an attempt) to the work, which runs in a
     * subscription of its own on another context: an abandoned attempt must stop, not go on to store what it mapped.
     */
    private static final class Cancellation {

        private static final Cancellable DONE = () -> {};

        private final AtomicReference<Cancellable> work = new AtomicReference<>();

        void started(Cancellable running) {
            if (!work.compareAndSet(null, running)) {
                running.cancel();
            }
        }

        void cancel() {
            Cancellable running = work.getAndSet(DONE);
            if (running != null) {
                running.cancel();
            }
        }
    }
}
