package io.docmap.dispatcher.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The outcomes written over the last window, from the totals that each progress count reads anyway: the total now less
 * the total at the window's start, taken between the two totals kept around that moment. Counting them in {@code
 * doc_ent_map} by {@code create_time}, once a second over a minute, read each result 60 times at full speed (scenario
 * c: 47 rows read per document). The database is counted once, at the start, for the window before it.
 */
final class OutcomeHistory {

    private record Total(long nanos, long outcomes) {}

    private final long windowNanos;
    private final Deque<Total> totals = new ArrayDeque<>();

    OutcomeHistory(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * Starts from the total counted at {@code nanos} (System.nanoTime) and the outcomes the database holds from the
     * window before it.
     */
    synchronized void start(long nanos, long outcomes, long finishedInWindow) {
        totals.clear();
        totals.addLast(new Total(nanos - windowNanos, outcomes - finishedInWindow));
        totals.addLast(new Total(nanos, outcomes));
    }

    /**
     * Keeps the total counted at {@code nanos}, and answers the outcomes written over the window up to it; empty
     * before {@link #start}. Never negative: a retry deletes failures.
     */
    synchronized OptionalLong finishedInWindow(long nanos, long outcomes) {
        if (totals.isEmpty()) {
            return OptionalLong.empty();
        }
        totals.addLast(new Total(nanos, outcomes));
        long windowStart = nanos - windowNanos;
        // Keeps the last total at or before the window's start, and the ones after it.
        while (totals.size() > 2) {
            Total oldest = totals.pollFirst();
            if (totals.peekFirst().nanos() > windowStart) {
                totals.addFirst(oldest);
                break;
            }
        }
        Total before = totals.pollFirst();
        Total after = totals.peekFirst();
        totals.addFirst(before);
        return OptionalLong.of(Math.max(0, outcomes - totalAt(windowStart, before, after)));
    }

    /** The total at {@code nanos}, on the line between two totals, when the earlier one is older. */
    private static long totalAt(long nanos, Total before, Total after) {
        if (before.nanos() >= nanos) {
            return before.outcomes();
        }
        double share = (nanos - before.nanos()) / (double) (after.nanos() - before.nanos());
        return before.outcomes() + Math.round((after.outcomes() - before.outcomes()) * share);
    }
}
