package io.docmap.dispatcher.persistence.remap;

/** A re-map asked while another is open: re-maps run one at a time. */
public class RemapConflictException extends RuntimeException {

    RemapConflictException(long openId, RemapState state) {
        super("re-map " + openId + " is " + state.name().toLowerCase()
                + "; cancel it, or let it finish, before asking for another");
    }
}
