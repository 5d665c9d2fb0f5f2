package io.docmap.dispatcher.progress;

import java.util.List;

/** Why a run whose documents are pending has given none an outcome within the rate window, in an operator's words. */
final class Stall {

    private Stall() {}

    /** The reason, or null while outcomes come, or when nothing is pending. */
    static String reason(
            long pending,
            double rate,
            boolean paused,
            long inFlight,
            long waitingPages,
            long lostPages,
            long stuckPages,
            List<StuckPage> stuck) {
        if (pending == 0 || rate > 0) {
            return null;
        }
        if (paused) {
            return "dispatch is paused";
        }
        if (stuckPages > 0) {
            StuckPage worst = stuck.get(0);
            return "%d pages keep failing; page %d failed its last %d attempts, the last on %s: %s"
                    .formatted(stuckPages, worst.pageId(), worst.failures(), worst.worker(), worst.lastError());
        }
        if (waitingPages > 0) {
            return waitingPages + " pages wait in the page topic, taken by no worker since they were sent:"
                    + " check that workers run and consume the topic"
                    + (lostPages == 0
                            ? ""
                            : "; " + lostPages + " of them sent again because Kafka lost them: their records were"
                                    + " deleted by retention or by hand, the topic was re-created, or the workers'"
                                    + " group was reset past them");
        }
        if (inFlight > 0) {
            return "workers hold " + inFlight + " documents and finished none within the last minute:"
                    + " a slow mapper, or attempts abandoned at the page-timeout (see the workers' logs)";
        }
        return "no page is in flight for the pending documents: they are in no page the dispatcher can send"
                + " (see its log for sweep ranges given up)";
    }
}
