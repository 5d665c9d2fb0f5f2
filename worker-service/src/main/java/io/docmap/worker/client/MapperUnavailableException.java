package io.docmap.worker.client;

/**
 * The mapper, or the way to it, is not there as configured: a 5xx, a 4xx about the endpoint, a timeout or a refused
 * connection. Transient, so the call is retried.
 */
public class MapperUnavailableException extends RuntimeException {

    private final String cause;

    /** @param cause a short metric tag: server-error, endpoint or unreachable */
    public MapperUnavailableException(String cause, String message, Throwable failure) {
        super(message, failure);
        this.cause = cause;
    }

    public String cause() {
        return cause;
    }
}
