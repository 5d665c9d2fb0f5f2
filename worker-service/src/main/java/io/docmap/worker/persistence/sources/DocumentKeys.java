package io.docmap.worker.persistence.sources;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.docmap.common.DocumentKey;
import io.docmap.worker.persistence.schema.Schema;

final class DocumentKeys {

    private DocumentKeys() {}

    /**
     * The schema's document key: a {@code mid} wider than the {@code doc_id} columns cannot be stored, so it makes its
     * row a document of its own. Only the beans that process pages ask for it, and they are made after consumption
     * starts, once the {@link Schema} is read.
     */
    @Produces
    @Singleton
    static DocumentKey documentKey(Schema schema) {
        return schema.documentKey();
    }
}
