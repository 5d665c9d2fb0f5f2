package io.docmap.worker.persistence;

import jakarta.inject.Singleton;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.sqlclient.Pool;

import io.docmap.common.persistence.OutcomeIsolation;

/** This service's reactive pool, its connections at the isolation that outcomes need ({@link OutcomeIsolation}). */
@Singleton
public class IsolatedPool implements MySQLPoolCreator {

    @Override
    public Pool create(Input input) {
        return OutcomeIsolation.pool(input);
    }
}
