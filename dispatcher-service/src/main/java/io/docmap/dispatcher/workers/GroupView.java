package io.docmap.dispatcher.workers;

import java.util.List;
import java.util.Map;

/**
 * The workers' consumer group as the broker sees it at one moment.
 *
 * @param state the group's state (Stable, PreparingRebalance, Empty, …)
 * @param members the group's members, with the page topic's partitions each holds
 * @param ends each partition's end offset: the pages sent to it
 * @param committed each partition's committed offset: the pages its workers acknowledged; absent before the first
 */
record GroupView(String state, List<Member> members, Map<Integer, Long> ends, Map<Integer, Long> committed) {

    /** A member of the group: a worker's consumer. */
    record Member(String clientId, String host, List<Integer> partitions) {}

    /** Pages in the partition not acknowledged by the group. */
    long lag(int partition) {
        return Math.max(0, ends.getOrDefault(partition, 0L) - committed.getOrDefault(partition, 0L));
    }
}
