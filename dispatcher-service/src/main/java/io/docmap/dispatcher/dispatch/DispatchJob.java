package io.docmap.dispatcher.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.config.ConfigProvider;

import io.docmap.common.config.LeaseRule;
import io.docmap.common.vertx.FreshContexts;
import io.docmap.dispatcher.DispatcherConfig;
import io.docmap.dispatcher.dispatch.PageDispatcher.Round;
import io.docmap.dispatcher.leadership.Leadership;

/**
 * The dispatch schedule: one round at a time, each after the last has ended. After a round that stopped at
 * max-pages-in-flight, the next comes after busy-interval, so that the pages the workers finish are replaced at once;
 * after any other, after interval. Quarkus's scheduler checks its triggers once a second, so its rounds came every 1
 * to 2 s, and fast workers emptied the pages in flight and waited (bench/README.md, scenario a). Only the dispatcher
 * that leads ({@link Leadership}) runs rounds; another waits in standby.
 */
@ApplicationScoped
public class DispatchJob {

    /** How long start-up waits for the round's rehearsal, which takes 2 to 3 s on a busy machine. */
    private static final Duration REHEARSAL_WAIT = Duration.ofSeconds(30);

    /** How long shutdown waits for a running round; the shutdown timeout (30 s) bounds the whole shutdown. */
    private static final Duration ROUND_END_ON_SHUTDOWN = Duration.ofSeconds(10);

    private final PageDispatcher dispatcher;
    private final RoundRehearsal rehearsal;
    private final DispatcherConfig config;
    private final Leadership leadership;
    private final Vertx vertx;
    private volatile boolean stopped;
    private volatile long timer;
    private volatile CountDownLatch roundEnded = new CountDownLatch(0);

    public DispatchJob(
            PageDispatcher dispatcher,
            RoundRehearsal rehearsal,
            DispatcherConfig config,
            Leadership leadership,
            Vertx vertx) {
        this.dispatcher = dispatcher;
        this.rehearsal = rehearsal;
        this.config = config;
        this.leadership = leadership;
        this.vertx = vertx;
    }

    /**
     * Refuses to start on a lease that could run out under a working worker ({@link LeaseRule}); rehearses a round's
     * pages ({@link RoundRehearsal}), then schedules the first round.
     */
    void start(@Observes StartupEvent event) {
        LeaseRule.check(ConfigProvider.getConfig());
        rehearse();
        runAfter(config.interval());
    }

    /**
     * Waits for the rehearsal here, where start-up waits for this observer: the HTTP server starts after it, so the
     * dispatcher is not ready, and no round runs, while the rehearsal's transactions are open. A rehearsal that fails
     * only leaves the code cold.
     */
    private void rehearse() {
        long started = System.nanoTime();
        CompletableFuture<Integer> rehearsed = new CompletableFuture<>();
        FreshContexts.create(vertx)
                .runOnContext(ignored ->
                        rehearsal.run().subscribe().with(rehearsed::complete, rehearsed::completeExceptionally));
        try {
            int pages = rehearsed.get(REHEARSAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Log.infof(
                    "rehearsed a round on %d made-up pages, rolled back, in %d ms",
                    pages, (System.nanoTime() - started) / 1_000_000);
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("a round's rehearsal failed (%s); dispatching all the same", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets a running round end before the database pool closes under it, which would make its rollback fail: the
     * round's transaction would be rolled back anyway, but the failure would be logged as an error.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        vertx.cancelTimer(timer);
        if (!roundEnded.await(ROUND_END_ON_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            Log.infof(
                    "shutting down within a dispatch round that took over %s; it is cut short", ROUND_END_ON_SHUTDOWN);
        }
    }

    private void runAfter(Duration delay) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> runRound());
        }
    }

    /** Hibernate Reactive binds its session to the current context: each round gets a fresh one. */
    private void runRound() {
        CountDownLatch ended = new CountDownLatch(1);
        roundEnded = ended;
        if (stopped) {
            ended.countDown();
            return;
        }
        Context context = FreshContexts.create(vertx);
        context.runOnContext(ignored -> round().subscribe().with(round -> {
            ended.countDown();
            runAfter(round.full() ? config.busyInterval() : config.interval());
        }));
    }

    private Uni<Round> round() {
        if (!leadership.leader()) {
            return Uni.createFrom().item(Round.IDLE);
        }
        // Deferred, so that even a round that fails before it starts is only a failed round. A round whose database
        // or broker connection died can lose its completion; without the bound, the schedule would wait forever.
        return Uni.createFrom()
                .deferred(dispatcher::runOnce)
                .ifNoItem()
                .after(config.roundTimeout())
                .failWith(() -> new IllegalStateException("round not finished within " + config.roundTimeout()))
                .invoke(round -> {
                    if (round.sent() > 0) {
                        Log.infof("dispatched %d pages", round.sent());
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    if (stopped) {
                        // Shutdown closes the session factory under a running round: it is cut short, not broken.
                        Log.debugf("dispatch round cut short by shutdown: %s", e.toString());
                    } else {
                        Log.warnf("dispatch round failed; the next round picks up where it stopped: %s", e.toString());
                    }
                    return Round.IDLE;
                });
    }
}
