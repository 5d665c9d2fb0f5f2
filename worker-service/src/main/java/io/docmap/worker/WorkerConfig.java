package io.docmap.worker;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the worker, under {@code docmap.worker}. */
@ConfigMapping(prefix = "docmap.worker")
public interface WorkerConfig {

    /**
     * This worker's name: pid@host by default, the host the pod's name on Kubernetes ({@link WorkerName}). Its attempts
     * carry it in page_attempt.worker, and its Kafka consumer as its client id, which the workers panel shows.
     */
    String name();

    /** Pages this worker processes at once; pages beyond it wait in Kafka (the consumer pauses). */
    @WithDefault("2")
    int pagesInFlight();

    /** Documents per mapper call. */
    @WithDefault("16")
    int batchSize();

    /**
     * Largest text the worker sends to the mapper, in bytes. A longer one fails alone with cause too-large, and is
     * never loaded: the worker reads every text's length before the text.
     */
    @WithDefault("8M")
    MemorySize maxDocumentBytes();

    /**
     * Texts of one page in memory at once, in bytes: a page's texts are loaded and mapped in slices of at most this
     * much, one slice after the other. A worker holds about twice this per page in flight (the texts and the request
     * bodies made of them), so keep pages-in-flight × 2 × page-bytes well inside the heap. At least max-document-bytes.
     */
    @WithDefault("16M")
    MemorySize pageBytes();

    /**
     * Most bytes one document's item of a mapper's answer may take. The answer is read as a stream, and an item over
     * this is skipped unread: that document fails alone with cause result-too-large, and its neighbours are stored.
     * The reference mapper lists each entity once, so its items stay far below it.
     */
    @WithDefault("2M")
    MemorySize maxResultBytes();

    /** Mapper calls in flight at once, across all pages of this worker. */
    @WithDefault("8")
    int concurrency();

    /**
     * Longest one attempt at a page may take before it is abandoned and tried again: a connection that dies can
     * lose an answer, and the page must not wait for it forever. Keep it above the slowest page (README). The lease
     * rule binds it ({@code LeaseRule}); its default is in docmap-pipeline.properties, beside the lease's.
     */
    Duration pageTimeout();

    /**
     * On shutdown, how long pages in flight may take to finish; on a rebalance, how long those of the partitions
     * moving to another worker may. The Kafka consumer's close comes after it and took up to 7 s with polled records
     * waiting, so keep it at least 10 s below quarkus.shutdown.timeout (30 s).
     */
    @WithDefault("15s")
    Duration drainTimeout();

    /** First delay before a page whose processing failed (database down, mapper unavailable) is tried again. */
    @WithDefault("1s")
    Duration retryInitialBackoff();

    /** Longest delay between two tries of a failed page; bound by the lease rule, like the page-timeout. */
    Duration retryMaxBackoff();
}
