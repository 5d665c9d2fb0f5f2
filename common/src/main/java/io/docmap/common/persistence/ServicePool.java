package io.docmap.common.persistence;

import java.util.List;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

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

    private ServicePool() {}

    public static Pool create(MySQLPoolCreator.Input input) {
        List<SqlConnectOptions> databases = List.copyOf(input.mySQLConnectOptionsList());
        databases.forEach(database -> database.setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(CACHED_STATEMENTS)
                .setPreparedStatementCacheSqlLimit(CACHED_SQL_CHARACTERS));
        return MySQLBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(databases)
                .using(input.vertx())
                .withConnectHandler(OutcomeIsolation::pin)
                .build();
    }
}
