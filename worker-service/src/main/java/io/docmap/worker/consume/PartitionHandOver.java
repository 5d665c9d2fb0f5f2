package io.docmap.worker.consume;

import java.util.Collection;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * When a rebalance moves partitions away from this worker (another worker joined, under KEDA), lets the pages in
 * flight from them finish before the group hands them over ({@link InFlight#handOver}). Without it the next owner
 * read those pages again at once, from the last committed offset, and mapped them while this worker still was: a
 * scale-up sent whole pages to the mapper twice. The connector commits what was done before this runs; a page
 * finished here is read again by its next owner, which finds every outcome stored and calls no mapper. While this
 * waits the group is rebalancing, and the connector's periodic commit fails and is not retried: a partition this
 * worker keeps has its offset committed with its next page, and its last page, read again after a restart or a move,
 * likewise finds its outcomes stored.
 */
@ApplicationScoped
@Identifier(PartitionHandOver.NAME)
public class PartitionHandOver implements KafkaConsumerRebalanceListener {

    /** The name application.properties gives the page channel's consumer-rebalance-listener. */
    public static final String NAME = "docmap-partition-hand-over";

    private final InFlight inFlight;

    public PartitionHandOver(InFlight inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            inFlight.handOver(partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
