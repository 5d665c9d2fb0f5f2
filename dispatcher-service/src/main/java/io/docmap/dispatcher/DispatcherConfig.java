package io.docmap.dispatcher;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.docmap.common.kafka.PageMessage;

/** Typed configuration of the dispatcher, under {@code docmap.dispatch}. */
@ConfigMapping(prefix = "docmap.dispatch")
public interface DispatcherConfig {

    /** The pause between dispatch rounds while the workers have room or there is nothing to send. */
    @WithDefault("1s")
    Duration interval();

    /** The pause after a round that stopped at max-pages-in-flight: how soon a finished page is replaced. */
    @WithDefault("200ms")
    Duration busyInterval();

    /** Longest a round may take; a round cut off here is simply followed by the next one. */
    @WithDefault("2m")
    Duration roundTimeout();

    /** Source rows per page, and so per Kafka message. */
    @WithDefault("" + PageMessage.DEFAULT_SIZE)
    int pageSize();

    /** Pages sent but not finished at most; dispatch waits for workers beyond it, so leases stay meaningful. */
    @WithDefault("32")
    int maxPagesInFlight();

    /**
     * Pages of a re-map unfinished at most, within max-pages-in-flight: the run's new rows are scanned first in each
     * round, a re-map takes only what room is left, up to this, and new rows always find the rest. At 8 of 32 a re-map
     * ran at 0.72 of the first pass's rate, at 24 at 0.94 (bench/README.md).
     */
    @WithDefault("24")
    int remapPagesInFlight();

    /**
     * How long a page may stay unfinished after a worker last began an attempt at it before it is sent again. It
     * runs only once a worker has taken the page: time in Kafka does not count. It must be above the page-timeout
     * plus the workers' retry-max-backoff, which the service checks at start-up ({@code LeaseRule}); its default is
     * in docmap-pipeline.properties, beside theirs.
     */
    Duration lease();

    /**
     * How often the dispatcher asks the broker whether the pages that wait for a worker are still in the page topic;
     * a page whose record was deleted, or that the workers' group moved past without taking, is sent again.
     */
    @WithDefault("10s")
    Duration lostPageCheck();

    /**
     * Sends of a page at most, not counting those of records Kafka lost; past them its unfinished documents fail with
     * cause lease-expired.
     */
    @WithDefault("3")
    int maxSends();

    /**
     * Failed attempts in a row after which an unfinished page is reported stuck, with its last error: in the progress
     * API, the status page and the docmap_pages_stuck gauge.
     */
    @WithDefault("3")
    int stuckAfter();

    /** How often the sweep looks behind the cursor for rows whose ids committed out of order. */
    @WithDefault("30s")
    Duration sweepInterval();

    /**
     * How long the sweep keeps looking for ids the scan passed over. Keep it above the longest transaction that
     * inserts into source_data: a row committed later than this behind the cursor is not dispatched.
     */
    @WithDefault("24h")
    Duration gapHorizon();

    /**
     * How often the progress figures (the API, the status page, the backlog gauges) are counted again, however many
     * pages and scrapers ask in between: they are at most this old. Between full counts, a count reads only the rows
     * added in the last seconds (bench/README.md has the cost).
     */
    @WithDefault("1s")
    Duration progressRefresh();

    /**
     * How often progress counts every row of source_data and doc_ent_map, reading the whole tables. It takes in what
     * the counts in between miss: deleted rows, and rows whose transaction committed more than a progress-refresh
     * after a later id was visible.
     */
    @WithDefault("10m")
    Duration progressFullCount();
}
