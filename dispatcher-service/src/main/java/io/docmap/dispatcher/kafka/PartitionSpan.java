package io.docmap.dispatcher.kafka;

/**
 * What one partition of the page topic holds now, and how far the workers' group has read it.
 *
 * @param start the partition's log start offset: records below it were deleted
 * @param end the offset the next record will get
 * @param committed the group's committed offset, or null when it has none
 */
public record PartitionSpan(long start, long end, Long committed) {

    /**
     * Why a record at {@code offset} that no worker took can no longer reach one, or null when it still can: it waits
     * in the partition for the group to get to it.
     */
    public String lostReason(int partition, long offset) {
        String record = "its record (partition " + partition + ", offset " + offset + ")";
        if (offset < start) {
            return record + " was deleted: the partition now starts at " + start
                    + " (retention, or records deleted by hand)";
        }
        if (offset >= end) {
            return record + " is not in the partition, which ends at " + end + ": the topic was re-created";
        }
        if (committed != null && committed > offset) {
            return "the workers' group moved past " + record + " to " + committed
                    + " without taking it: its offsets were reset";
        }
        return null;
    }
}
