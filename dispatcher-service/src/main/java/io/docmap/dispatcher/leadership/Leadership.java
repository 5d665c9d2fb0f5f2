package io.docmap.dispatcher.leadership;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.docmap.dispatcher.persistence.DispatcherLock;

/**
 * One dispatcher at a time. Two dispatchers' rounds would both send pages, expire each other's leases and double the
 * resends: during a rolling update, or when a partitioned dispatcher is replaced. The dispatcher that holds the
 * database's named lock ({@link DispatcherLock}) on a connection of its own is the leader, and only it runs rounds. Any other
 * waits in standby, not ready, and asks for the lock every {@link #CHECK_MILLIS} ms. The database releases the lock
 * when the leader's connection closes, so a dispatcher that dies is replaced within seconds; a leader whose connection
 * breaks stops its rounds at its next check.
 */
@ApplicationScoped
public class Leadership {

    static final long CHECK_MILLIS = 1000;

    private final DispatcherLock lock;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "docmap-leadership");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean leader;
    private volatile String standbyReason = "not checked yet";

    public Leadership(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.lock = new DispatcherLock(url, user, password);
    }

    void start(@Observes StartupEvent event) {
        checks.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Lets go of the lock on the checks' own thread, after any check under way: the connection is that thread's. */
    @PreDestroy
    void stop() throws InterruptedException {
        checks.execute(() -> {
            leader = false;
            lock.close();
        });
        checks.shutdown();
        checks.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Whether this dispatcher may run rounds now. */
    public boolean leader() {
        return leader;
    }

    /** Why this dispatcher does not lead, while it does not. */
    public String standbyReason() {
        return standbyReason;
    }

    /** Keeps the lock held, or asks for it. Runs on its own thread: JDBC blocks. */
    private void check() {
        try {
            boolean held = lock.hold(leader);
            if (held != leader) {
                Log.info(
                        held
                                ? "this dispatcher leads: it holds the database's dispatcher lock"
                                : "this dispatcher lost the database's dispatcher lock");
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
