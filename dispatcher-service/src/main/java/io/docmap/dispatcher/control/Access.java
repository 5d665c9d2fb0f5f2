package io.docmap.dispatcher.control;

/** What a call to the API does, and so which credential it needs. */
public enum Access {
    /** Reads progress or failures: the read token or the control token. */
    READ,
    /** Changes the run (pause, resume, retry): the control token only; it is logged with who called. */
    CONTROL
}
