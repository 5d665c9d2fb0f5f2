package io.docmap.worker.client;

/** A 5xx, a timeout or a refused connection: transient, so the call is retried. */
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
