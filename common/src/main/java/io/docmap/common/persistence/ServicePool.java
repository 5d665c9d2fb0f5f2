package io.docmap.common.persistence;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

/**
 * The reactive pool of the dispatcher and of each worker: the one Quarkus would make, whose connections run at the
 * isolation that outcomes need ({@link OutcomeIsolation}) and keep their prepared statements. Without the cache, every
 * statement was prepared and closed again, two more round trips each; the cache takes statements up to
 * {@link #CACHED_SQL_CHARACTERS} long, since a page's multi-row upsert is several thousand, where the client's default
 * limit is 2,048.
 */
public final class ServicePool {

    /**
     * Statements kept per connection: a page's few statements, and room for the lengths its lists of ids take. The
     * server's {@code max_prepared_stmt_count} (16,382 by default) bounds them over all connections: 32 × 8 connections
     * per worker leaves room for 60 workers.
     */
    static final int CACHED_STATEMENTS = 32;

    static final int CACHED_SQL_CHARACTERS = 16_384;

    private static final Logger LOG = Logger.getLogger(ServicePool.class);

    private ServicePool() {}

    public static Pool create(MySQLPoolCreator.Input input) {
        return create(input, List.of());
    }

    /** The pool, whose connections also run {@code sessionSettings} (SET SESSION statements) as they open. */
    public static Pool create(MySQLPoolCreator.Input input, List<String> sessionSettings) {
        List<String> settings = new ArrayList<>();
        settings.add(OutcomeIsolation.PIN);
        settings.addAll(sessionSettings);
        List<SqlConnectOptions> databases = List.copyOf(input.mySQLConnectOptionsList());
        databases.forEach(database -> database.setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(CACHED_STATEMENTS)
                .setPreparedStatementCacheSqlLimit(CACHED_SQL_CHARACTERS));
        return MySQLBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(databases)
                .using(input.vertx())
                .withConnectHandler(connection -> settle(connection, settings))
                .build();
    }

    /**
     * Runs the settings on a connection as it opens, one after the other, then hands it to the pool (closing a
     * connection in the connect handler does that). A setting that fails is logged and the connection runs without
     * it: a server that refuses one keeps serving.
     */
    private static void settle(SqlConnection connection, List<String> settings) {
        Future<Void> settled = Future.succeededFuture();
        for (String setting : settings) {
            settled = settled.compose(ignored -> connection
                    .query(setting)
                    .execute()
                    .<Void>mapEmpty()
                    .recover(error -> {
                        LOG.errorf(
                                "a database connection could not run '%s', and runs with the server's default: %s",
                                setting, error.toString());
                        return Future.succeededFuture();
                    }));
        }
        settled.onComplete(ignored -> connection.close());
    }
}
