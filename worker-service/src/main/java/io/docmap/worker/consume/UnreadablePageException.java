package io.docmap.worker.consume;

/** A page message that no retry can fix: it goes to the dead-letter topic with this message as the reason. */
public class UnreadablePageException extends RuntimeException {

    public UnreadablePageException(String message) {
        super(message);
    }

    public UnreadablePageException(String message, Throwable cause) {
        super(message, cause);
    }
}
