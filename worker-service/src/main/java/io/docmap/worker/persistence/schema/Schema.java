package io.docmap.worker.persistence.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLException;
import org.jboss.logging.Logger.Level;

import io.docmap.common.DocumentKey;
import io.docmap.common.schema.SchemaVersion;
import io.docmap.worker.persistence.outcomes.ListWriter;
import io.docmap.worker.persistence.outcomes.StoreConfig;

/**
 * The schema this worker writes to. The dispatcher migrates it; the worker only waits until the database has the
 * version it was built for, checking every second, then reads the {@link SchemaFacts} it needs and fires them as an
 * event, on which consumption starts. Until then the worker is not ready and holds no partition.
 */
@ApplicationScoped
public class Schema {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final int NO_SUCH_TABLE = 1146;

    private final Pool database;
    private final Vertx vertx;
    private final StoreConfig store;
    private final Event<SchemaFacts> ready;
    private volatile SchemaFacts facts;
    private volatile String waitingFor = "the first check of the schema version";
    private volatile boolean stopped;

    public Schema(Pool database, Vertx vertx, StoreConfig store, Event<SchemaFacts> ready) {
        this.database = database;
        this.vertx = vertx;
        this.store = store;
        this.ready = ready;
    }

    void start(@Observes StartupEvent event) {
        check();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Why the worker cannot consume yet, or empty once it can. */
    public Optional<String> waitingFor() {
        return facts == null ? Optional.of(waitingFor) : Optional.empty();
    }

    /** The schema's facts; only asked for by page processing, which starts after they are read. */
    public SchemaFacts facts() {
        SchemaFacts known = facts;
        if (known == null) {
            throw new IllegalStateException("the schema is not ready: waiting for " + waitingFor);
        }
        return known;
    }

    public DocumentKey documentKey() {
        return facts().documentKey();
    }

    private void check() {
        if (!stopped) {
            appliedVersion()
                    .subscribe()
                    .with(this::versionFound, e -> checkLater("the database, which cannot be read: " + e, Level.WARN));
        }
    }

    private void versionFound(int version) {
        if (version >= SchemaVersion.REQUIRED) {
            SchemaFacts.read(database)
                    .subscribe()
                    .with(this::found, e -> checkLater("the schema's columns, which cannot be read: " + e, Level.WARN));
        } else {
            String applied = version < 0 ? "no migration applied yet" : "version " + version;
            checkLater(
                    "schema version " + SchemaVersion.REQUIRED + ", which the dispatcher applies; the database has "
                            + applied,
                    Level.INFO);
        }
    }

    /** The highest migration applied, or -1 before the first one. */
    private Uni<Integer> appliedVersion() {
        return database.query(SchemaVersion.APPLIED_SQL)
                .execute()
                .map(rows -> Objects.requireNonNullElse(rows.iterator().next().getInteger(0), -1))
                .onFailure(e -> e instanceof MySQLException sql && sql.getErrorCode() == NO_SUCH_TABLE)
                .recoverWithItem(-1);
    }

    /** Logs the reason when it changes (an infrastructure failure at WARN), and checks again in a second. */
    private void checkLater(String reason, Level level) {
        if (!reason.equals(waitingFor)) {
            Log.logf(level, "waiting for %s. Checking every %ss", reason, CHECK_EVERY.toSeconds());
        }
        waitingFor = reason;
        vertx.setTimer(CHECK_EVERY.toMillis(), id -> check());
    }

    private void found(SchemaFacts found) {
        String refusal = ListWriter.refusal(store.listFormat(), found);
        if (refusal != null) {
            Log.error(refusal);
            waitingFor = "a usable configuration: " + refusal;
            Quarkus.asyncExit(1);
            return;
        }
        facts = found;
        Log.infof("the schema has version %d or later; consuming pages", SchemaVersion.REQUIRED);
        ready.fire(found);
    }
}
