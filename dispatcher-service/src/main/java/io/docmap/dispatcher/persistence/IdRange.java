package io.docmap.dispatcher.persistence;

import java.util.List;
import java.util.Optional;

/** Source ids from {@code first} to {@code last}, both included. */
public record IdRange(long first, long last) {

    public IdRange {
        if (first > last) {
            throw new IllegalArgumentException("empty id range " + first + ".." + last);
        }
    }

    /**
     * The ids a scan from {@code cursor} passed without returning, as one range from the first to the last of them:
     * ids still uncommitted, rolled back, deleted, or already dispatched. Empty when the scan returned every id in
     * a row.
     *
     * @param ids what the scan returned, ascending
     */
    public static Optional<IdRange> passedOver(long cursor, List<Long> ids) {
        long expected = cursor + 1;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long id : ids) {
            if (id > expected) {
                first = Math.min(first, expected);
                last = id - 1;
            }
            expected = id + 1;
        }
        return first <= last ? Optional.of(new IdRange(first, last)) : Optional.empty();
    }
}
