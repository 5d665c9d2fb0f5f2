package io.docmap.dispatcher.progress;

import java.time.Instant;
import java.util.List;

/**
 * Where the run stands, computed from the database, so that it survives restarts of every service.
 *
 * @param total rows in source_data
 * @param stored results in doc_ent_map
 * @param failed failures in doc_failure
 * @param inFlight documents of pages sent and not finished
 * @param pending documents without an outcome: total - stored - failed
 * @param ratePerSecond outcomes per second over the last minute
 * @param etaSeconds pending ÷ rate, or null when nothing is moving
 * @param paused whether dispatch is paused
 * @param waitingPages pages sent that no worker has taken since: they wait in the page topic
 * @param stuckPages unfinished pages whose last stuck-after attempts or more failed
 * @param stuck the first of those pages, those failing longest first, with their last errors
 * @param stall why nothing is moving, while documents are pending and none got an outcome within the rate window;
 *     null otherwise
 * @param at when this was computed
 */
public record Progress(
        long total,
        long stored,
        long failed,
        long inFlight,
        long pending,
        double ratePerSecond,
        Long etaSeconds,
        boolean paused,
        long waitingPages,
        long stuckPages,
        List<StuckPage> stuck,
        String stall,
        Instant at) {}
