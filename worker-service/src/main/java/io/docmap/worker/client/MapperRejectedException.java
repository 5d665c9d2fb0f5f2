package io.docmap.worker.client;

/** The mapper refused the documents with a 4xx: a permanent failure, never retried. */
public class MapperRejectedException extends RuntimeException {

    public MapperRejectedException(String message) {
        super(message);
    }
}
