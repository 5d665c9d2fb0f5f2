package io.docmap.dispatcher.progress;

/**
 * The figures cannot be read: the database is out. The API answers 503 with what its cause says (ApiErrors), and the
 * page shows it.
 */
public class OutageException extends RuntimeException {

    public OutageException(Throwable cause) {
        super(cause);
    }
}
