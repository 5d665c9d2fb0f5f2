package io.docmap.dispatcher.persistence.counts;

import java.sql.SQLException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;

import io.docmap.common.DocumentKey;

final class DocumentKeys {

    private DocumentKeys() {}

    /**
     * The schema's document key, read once at start-up, after Flyway: a {@code mid} wider than the {@code doc_id}
     * columns cannot be stored, so it makes its row a document of its own.
     */
    @Produces
    @Startup
    @Singleton
    static DocumentKey documentKey(AgroalDataSource database) throws SQLException {
        return DocumentKey.read(database);
    }
}
