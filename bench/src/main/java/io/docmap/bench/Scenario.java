package io.docmap.bench;

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
    /** The workers' default concurrency: what scaling buys in production, where workers wait on the mapper. */
    static final int PRODUCTION_CONCURRENCY = 8;

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

    /** b (1 worker) and e (3): 64 calls in flight each, so that 3 workers are bound by this machine's CPU. */
    static Scenario latencyBound(int documents, int workers) {
        return standIn(workers == 1 ? "b" : "e", documents, workers, STAND_IN_CONCURRENCY);
    }

    /** d1 (1 worker) and d (3): 8 calls in flight each, 160 docs/s per worker, far under the CPU's ceiling. */
    static Scenario productionLike(int documents, int workers) {
        return standIn(workers == 1 ? "d1" : "d", documents, workers, PRODUCTION_CONCURRENCY);
    }

    private static Scenario standIn(String name, int documents, int workers, int concurrency) {
        return new Scenario(
                name,
                "mapper answering after " + STAND_IN_DELAY_MILLIS + " ms, batch 1, concurrency " + concurrency + ", "
                        + workers + " worker(s)",
                documents,
                workers,
                OptionalLong.of(STAND_IN_DELAY_MILLIS),
                Map.of("docmap.worker.batch-size", "1", "docmap.worker.concurrency", Integer.toString(concurrency)),
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
                : workers
                        * Integer.parseInt(properties.get("docmap.worker.concurrency"))
                        / (mapperDelayMillis().getAsLong() / 1000.0);
    }
}
