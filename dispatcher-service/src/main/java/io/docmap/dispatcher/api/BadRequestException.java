package io.docmap.dispatcher.api;

/** A request with a parameter out of its range or of an unknown value; answered with 400 and the reason. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
