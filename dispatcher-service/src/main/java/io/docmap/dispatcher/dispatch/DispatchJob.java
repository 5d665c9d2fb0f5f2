package io.docmap.dispatcher.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import io.docmap.dispatcher.DispatcherConfig;

/**
 * The dispatch schedule. Runs never overlap within this process ({@code SKIP}); run one dispatcher replica, as
 * the Kubernetes manifests do, because the scheduler does not coordinate across processes.
 */
@ApplicationScoped
public class DispatchJob {

    private final PageDispatcher dispatcher;
    private final DispatcherConfig config;

    public DispatchJob(PageDispatcher dispatcher, DispatcherConfig config) {
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** Returns a Uni, so it runs on the event loop, where Hibernate Reactive must run. */
    @Scheduled(
            identity = "dispatch",
            every = "${docmap.dispatch.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        // A round whose database or broker connection died can lose its completion; without this bound, SKIP
        // would skip every later round forever.
        return dispatcher
                .runOnce()
                .ifNoItem()
                .after(config.roundTimeout())
                .failWith(() -> new IllegalStateException("round not finished within " + config.roundTimeout()))
                .invoke(sent -> {
                    if (sent > 0) {
                        Log.infof("dispatched %d pages", sent);
                    }
                })
                .onFailure()
                .invoke(e ->
                        Log.warnf("dispatch round failed; the next round picks up where it stopped: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
