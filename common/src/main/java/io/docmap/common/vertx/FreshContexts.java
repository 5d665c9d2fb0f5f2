package io.docmap.common.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Fresh, isolated Vert.x contexts for work that opens a Hibernate Reactive session of its own: a dispatch round, a
 * page. Hibernate Reactive binds its session to the current context, so such work must not share one.
 *
 * <p>This is the one place docmap uses Vert.x internals, because no public API does the job. A context comes from a
 * new root event-loop context ({@code VertxInternal.createEventLoopContext}, which takes the event loops in turn),
 * duplicated, and marked safe for Hibernate Reactive (Quarkus' {@code VertxContextSafetyToggle}). The public
 * alternatives fall short: {@code Vertx.getOrCreateContext()} on an event loop returns the caller's context, which
 * would put every page on the Kafka consumer's loop while the others idle, and since Vert.x 4.5.12 a duplicate of a
 * duplicated context copies its locals, the caller's session among them.
 */
public final class FreshContexts {

    private FreshContexts() {}

    /** A new duplicated context on the next event loop, with no locals, safe for Hibernate Reactive. */
    public static Context create(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(((VertxInternal) vertx).createEventLoopContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }
}
