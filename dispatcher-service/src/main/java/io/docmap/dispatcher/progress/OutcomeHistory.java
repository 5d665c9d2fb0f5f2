package io.docmap.dispatcher.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The outcomes written over the last window, from the totals that each progress count reads anyway: the difference
 * between the total now and the total a window ago. Counting them in {@code doc_ent_map} by {@code create_time}, once a
 * second over a minute, read each result 60 times at full speed (scenario c: 47 rows read per document). Until the
 * counts kept cover a window (after a start) the caller counts in the database instead.
 */
final class OutcomeHistory {

    private record Total(long nanos, long outcomes) {}

    private final long windowNanos;
    private final Deque<Total> totals = new ArrayDeque<>();

    OutcomeHistory(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * Keeps the total counted at {@code nanos} (System.nanoTime), and answers the outcomes written since the latest
     * total at least a window old; empty while no total is that old. Never negative: a retry deletes failures.
     */
    synchronized OptionalLong finishedInWindow(long nanos, long outcomes) {
        totals.addLast(new Total(nanos, outcomes));
        Total windowAgo = null;
        while (!totals.isEmpty() && nanos - totals.peekFirst().nanos() >= windowNanos) {
            windowAgo = totals.pollFirst();
        }
        if (windowAgo == null) {
            return OptionalLong.empty();
        }
        // The total a window ago stays, as the start of the next answer's window.
        totals.addFirst(windowAgo);
        return OptionalLong.of(Math.max(0, outcomes - windowAgo.outcomes()));
    }
}
