package io.docmap.dispatcher.persistence.remap;

/** Where a re-map stands. Only a running one sends pages; pages already sent finish in every state. */
public enum RemapState {
    RUNNING,
    PAUSED,
    /** Stopped by an operator: what it sent still finishes, nothing more is sent. */
    CANCELLED,
    /** Every selected document went through a page that finished. */
    DONE;

    /** Whether it may still send pages, now or after a resume: one such re-map at a time. */
    public boolean open() {
        return this == RUNNING || this == PAUSED;
    }
}
