package io.docmap.dispatcher.workers;

import java.time.Instant;
import java.util.List;

/**
 * The workers at one moment: the broker's account of their consumer group, and the database's of the pages they hold.
 *
 * @param group the workers' consumer group
 * @param state the group's state, as the broker says it
 * @param groupSize workers in the group
 * @param members each worker: its partitions, the pages it holds, its acknowledged pages per second, its lag
 * @param partitions each partition of the page topic with its lag
 * @param lag pages sent and not acknowledged, over all partitions: what KEDA scales on
 * @param error why the broker could not be read; null when it was
 * @param at when this was read
 */
public record Workers(
        String group,
        String state,
        int groupSize,
        List<Member> members,
        List<Partition> partitions,
        long lag,
        String error,
        Instant at) {

    /**
     * A worker of the group.
     *
     * @param clientId its Kafka client id
     * @param host the address it connects from
     * @param partitions the page topic's partitions it holds
     * @param pagesInFlight pages of its partitions a worker has taken and not finished
     * @param pagesPerSecond pages of its partitions acknowledged per second, over the last minute at most
     * @param lag pages of its partitions sent and not acknowledged
     */
    public record Member(
            String clientId,
            String host,
            List<Integer> partitions,
            long pagesInFlight,
            double pagesPerSecond,
            long lag) {}

    /** A partition of the page topic: pages sent to it (end), acknowledged (committed), and between them (lag). */
    public record Partition(int partition, long end, long committed, long lag) {}

    static Workers unreadable(String group, String error) {
        return new Workers(group, "unknown", 0, List.of(), List.of(), 0, error, Instant.now());
    }
}
