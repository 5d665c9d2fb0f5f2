package io.docmap.worker.client;

/** A 5xx, a timeout or a refused connection: transient, so the call is retried. */
public class MapperUnavailableException extends RuntimeException {

    public MapperUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
