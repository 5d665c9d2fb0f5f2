package io.docmap.dispatcher.dispatch;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Deals pages out to the partitions in turn: page ids are consecutive, so the id modulo the partition count gives
 * every partition, and so every worker, an equal share. Kafka's default, a hash of the key, left some workers more
 * of the last pages than others, and the run's end waited for them (bench/README.md, scenario d). A page sent again
 * goes to the same partition.
 */
@RegisterForReflection
public class PagePartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (!(key instanceof String pageId)) {
            throw new IllegalArgumentException("a page record must be keyed by its page id, got " + key);
        }
        return (int) Math.floorMod(Long.parseLong(pageId), (long) cluster.partitionCountForTopic(topic));
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
}
