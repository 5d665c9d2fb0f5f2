package io.docmap.common.persistence;

import java.util.Collections;

/** JDBC's and the reactive client's positional parameters for a list of values. */
public final class Placeholders {

    private Placeholders() {}

    /** {@code ?, ?, …}: {@code n} placeholders, as in {@code IN (…)} or a row of {@code VALUES (…)}. */
    public static String of(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
