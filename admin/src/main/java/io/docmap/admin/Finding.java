package io.docmap.admin;

/**
 * One thing {@code ./docmap check} found, with what it costs.
 *
 * @param severity whether docmap can run with it
 * @param what what was found, with counts and examples
 * @param cost what it does to docmap's promise, and what fixes it
 */
public record Finding(Severity severity, String what, String cost) {

    public enum Severity {
        /** docmap would break its promise (a duplicated result, a page retried forever): it must not run. */
        BLOCKING,
        /** docmap runs, and the rows concerned get a defined outcome that may not be what the user expects. */
        WARNING,
        /** How docmap will treat what is there. */
        NOTE
    }

    public static Finding blocking(String what, String cost) {
        return new Finding(Severity.BLOCKING, what, cost);
    }

    public static Finding warning(String what, String cost) {
        return new Finding(Severity.WARNING, what, cost);
    }

    public static Finding note(String what, String cost) {
        return new Finding(Severity.NOTE, what, cost);
    }
}
