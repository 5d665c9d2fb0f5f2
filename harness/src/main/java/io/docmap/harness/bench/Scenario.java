package io.docmap.harness.bench;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One benchmark run's set-up.
 *
 * @param mapperDelayMillis empty: the reference mapper; otherwise a stand-in that answers after this delay
 * @param properties configuration given to every service
 * @param measureLimit whether the in-process limit runs first, on the same documents
 */
record Scenario(
        String name,
        String description,
        int documents,
        int workers,
        OptionalLong mapperDelayMillis,
        Map<String, String> properties,
        boolean measureLimit) {

    static final long STAND_IN_DELAY_MILLIS = 50;
    static final int STAND_IN_CONCURRENCY = 64;
    private static final Map<String, String> LATENCY_BOUND = Map.of(
            "docmap.worker.batch-size", "1", "docmap.worker.concurrency", Integer.toString(STAND_IN_CONCURRENCY));

    /**
     * The reference mapper spends little per document beyond parsing it, so fewer, larger calls (128 documents, 4 in
     * flight) cost less per document than the defaults (16, 8) or 64; measured in bench/README.md.
     */
    private static final Map<String, String> REFERENCE_MAPPER =
            Map.of("docmap.worker.batch-size", "128", "docmap.worker.concurrency", "4");

    static Scenario referenceMapper(int documents) {
        return new Scenario(
                "a", "reference mapper, 1 worker", documents, 1, OptionalLong.empty(), REFERENCE_MAPPER, true);
    }

    static Scenario latencyBound(int documents, int workers) {
        return new Scenario(
                workers == 1 ? "b" : "d",
                "mapper answering after " + STAND_IN_DELAY_MILLIS + " ms, batch 1, concurrency " + STAND_IN_CONCURRENCY
                        + ", " + workers + " worker(s)",
                documents,
                workers,
                OptionalLong.of(STAND_IN_DELAY_MILLIS),
                LATENCY_BOUND,
                false);
    }

    static Scenario scale(int documents) {
        return new Scenario(
                "c",
                "reference mapper, 1 worker, large backlog",
                documents,
                1,
                OptionalLong.empty(),
                REFERENCE_MAPPER,
                false);
    }

    /** Little's law: calls in flight ÷ call latency, documents per second for all workers together. */
    double littleBound() {
        return mapperDelayMillis().isEmpty()
                ? Double.NaN
                : workers * STAND_IN_CONCURRENCY / (mapperDelayMillis().getAsLong() / 1000.0);
    }
}
