package io.docmap.worker.persistence;

import jakarta.inject.Singleton;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.sqlclient.Pool;

import io.docmap.common.persistence.ServicePool;

/** This service's reactive pool ({@link ServicePool}): pinned to the outcomes' isolation, caching its statements. */
@Singleton
public class IsolatedPool implements MySQLPoolCreator {

    @Override
    public Pool create(Input input) {
        return ServicePool.create(input);
    }
}
