package io.docmap.dispatcher.failure;

/** A retry of failures that a batch's failure stopped: the batches before it stay handed back. */
public class RetryStoppedException extends RuntimeException {

    RetryStoppedException(int handedBack, Throwable cause) {
        super(
                "the retry stopped after " + handedBack + " documents were handed back, which stay so: " + cause
                        + "; retry again to hand back the rest",
                cause);
    }
}
