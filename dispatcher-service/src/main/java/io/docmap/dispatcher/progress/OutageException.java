package io.docmap.dispatcher.progress;

/** The figures cannot be read: the database is out. The API answers 503 with this message, and the page shows it. */
public class OutageException extends RuntimeException {

    public OutageException(Throwable cause) {
        super(
                "the database cannot be read, so the figures are not current: " + rootMessage(cause)
                        + "; the dispatcher and the workers retry until it is back",
                cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
