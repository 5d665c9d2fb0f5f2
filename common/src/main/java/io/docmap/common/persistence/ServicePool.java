package io.docmap.common.persistence;

import java.util.List;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool of the dispatcher and of each worker: the one Quarkus would make, whose connections run at the
 * isolation that outcomes need ({@link OutcomeIsolation}).
 */
public final class ServicePool {

    private ServicePool() {}

    public static Pool create(MySQLPoolCreator.Input input) {
        List<SqlConnectOptions> databases = List.copyOf(input.mySQLConnectOptionsList());
        return MySQLBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(databases)
                .using(input.vertx())
                .withConnectHandler(OutcomeIsolation::pin)
                .build();
    }
}
