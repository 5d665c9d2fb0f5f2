package io.docmap.mapper.api;

/** A well-formed JSON request that breaks the contract; answered with 422, as FastAPI does. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
