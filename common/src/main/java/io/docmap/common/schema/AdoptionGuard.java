package io.docmap.common.schema;

import java.sql.SQLException;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Stops Flyway, and so the service's start, on a database where docmap would duplicate results: before Flyway
 * baselines a schema it did not create (the old pipeline's tables), and before every migration, in case a key was
 * dropped since. The message names the commands that say what is wrong and fix it.
 */
public final class AdoptionGuard implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_BASELINE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String problem;
        try {
            problem = ResultKey.problem(context.getConnection());
        } catch (SQLException e) {
            throw new FlywayException("cannot read the schema of doc_ent_map: " + e.getMessage(), e);
        }
        if (problem != null) {
            throw new FlywayException("docmap cannot run safely on this database: " + problem
                    + ". Run ./docmap check to see every problem, then ./docmap migrate to fix them"
                    + " (on Kubernetes, the Jobs k8s/jobs/check.yaml and migrate.yaml, k8s/README.md).");
        }
    }

    @Override
    public String getCallbackName() {
        return "docmap adoption guard";
    }
}
