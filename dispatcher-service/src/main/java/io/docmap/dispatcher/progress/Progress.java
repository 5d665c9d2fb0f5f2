package io.docmap.dispatcher.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the run stands, computed from the database, so that it survives restarts of every service.
 *
 * @param total rows in source_data
 * @param sharedRows rows whose doc_id an earlier row carries: one document with it, covered by its outcome
 * @param documents documents in source_data: total - sharedRows
 * @param stored results in doc_ent_map
 * @param storedWithoutSource results whose doc_id no source row carries (stored by the old pipeline for rows deleted
 *     since): no document's
 * @param failed failures in doc_failure
 * @param failuresByCause those failures by cause, the most frequent first; they add up to {@code failed}
 * @param inFlight rows of pages sent and not finished
 * @param pending documents without an outcome: documents - (stored - storedWithoutSource) - failed
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
        long sharedRows,
        long documents,
        long stored,
        long storedWithoutSource,
        long failed,
        Map<String, Long> failuresByCause,
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
