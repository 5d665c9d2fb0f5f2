package io.docmap.dispatcher.persistence.scan;

/** The scan cursor was not where a round read it: another dispatcher recorded pages past it in between. */
public class CursorMovedException extends IllegalStateException {

    public CursorMovedException(String message) {
        super(message);
    }
}
