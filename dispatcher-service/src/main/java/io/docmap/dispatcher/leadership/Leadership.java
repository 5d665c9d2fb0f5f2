package io.docmap.dispatcher.leadership;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.docmap.dispatcher.persistence.leader.DispatcherLock;
import io.docmap.dispatcher.persistence.leader.LeaderFence;

/**
 * One dispatcher at a time. Two dispatchers' rounds would both send pages, expire each other's leases and double the
 * resends: during a rolling update, or when a partitioned dispatcher is replaced. The dispatcher that holds the
 * database's named lock ({@link DispatcherLock}) on a connection of its own is the leader, and only it runs rounds. Any other
 * waits in standby, not ready, and asks for the lock every {@link #CHECK_MILLIS} ms. The database releases the lock
 * when the leader's connection closes, so a dispatcher that dies is replaced within seconds, and when the leader's
 * session has been idle for {@link DispatcherLock#IDLE_RELEASE}, so that one whose node froze or vanished is replaced
 * within about that. A leader leads only for {@link #CONFIRMED_FOR} after it last confirmed its lock, less than the
 * server waits: one whose checks hang or fail stops its rounds before the lock can go to another. A leader that thawed
 * after another took over is fenced off all the same: the taker counted the epoch up, and every write of a round checks
 * it ({@link LeaderFence}).
 */
@ApplicationScoped
public class Leadership {

    static final long CHECK_MILLIS = 1000;

    /** How long one confirmation of the lock lets this dispatcher lead: well under the server's idle release. */
    static final Duration CONFIRMED_FOR = DispatcherLock.IDLE_RELEASE.minusSeconds(4);

    private final DispatcherLock lock;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "docmap-leadership");
        thread.setDaemon(true);
        return thread;
    });
    private final String name = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean leader;
    private volatile long epoch;
    private volatile long confirmedAt;
    private volatile String standbyReason = "not checked yet";
    private final Gauge gauge;
    private final MeterRegistry registry;

    public Leadership(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            MeterRegistry registry) {
        this.lock = new DispatcherLock(url, user, password);
        // Summed over the dispatchers, 1 while one leads: the alert on no leader reads it (k8s/components/monitoring).
        this.gauge = Gauge.builder("docmap.dispatcher.leader", this, leadership -> leadership.leader() ? 1 : 0)
                .description("1 while this dispatcher leads, 0 while it stands by")
                .register(registry);
        this.registry = registry;
    }

    /** Checks once before the service starts, so that a leader's first round knows its epoch; then every second. */
    void start(@Observes StartupEvent event) throws Exception {
        checks.submit(this::check).get();
        checks.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Lets go of the lock on the checks' own thread, after any check under way: the connection is that thread's. */
    @PreDestroy
    void stop() throws InterruptedException {
        registry.remove(gauge);
        checks.execute(() -> {
            leader = false;
            lock.close();
        });
        checks.shutdown();
        checks.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Whether this dispatcher may run rounds now: it holds the lock, as it confirmed within {@link #CONFIRMED_FOR}. */
    public boolean leader() {
        return leader && System.nanoTime() - confirmedAt < CONFIRMED_FOR.toNanos();
    }

    /** The epoch this dispatcher leads in, which its rounds' writes check ({@link LeaderFence}). */
    public long epoch() {
        return epoch;
    }

    /** Why this dispatcher does not lead, while it does not. */
    public String standbyReason() {
        return standbyReason;
    }

    /** Keeps the lock held, or asks for it. Runs on its own thread: JDBC blocks. */
    private void check() {
        try {
            boolean held = lock.hold(leader);
            if (held && !leader) {
                epoch = lock.takeEpoch(name);
                Log.infof("this dispatcher leads, in epoch %d: it holds the database's dispatcher lock", epoch);
            } else if (!held && leader) {
                Log.info("this dispatcher lost the database's dispatcher lock");
            }
            if (held) {
                confirmedAt = System.nanoTime();
            }
            leader = held;
            standbyReason = held ? null : "standby: another dispatcher holds the database's dispatcher lock";
        } catch (SQLException e) {
            if (leader) {
                Log.warnf("this dispatcher stops leading: its lock connection failed: %s", e.toString());
            }
            leader = false;
            standbyReason = "standby: the database lock cannot be checked: " + e.getMessage();
            lock.close();
        }
    }
}
