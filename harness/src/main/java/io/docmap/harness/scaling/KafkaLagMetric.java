package io.docmap.harness.scaling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The metric KEDA's Kafka scaler gives the HPA, computed as its source does: per partition, the latest offset less
 * the group's committed one (with no committed offset, the latest offset under {@code offsetResetPolicy: earliest},
 * else 1); summed; and, unless {@code allowIdleConsumers}, capped at partitions × lagThreshold so that the HPA never
 * asks for more consumers than there are partitions.
 *
 * @param lag the summed lag, before the cap
 * @param metric what the HPA is given
 */
public record KafkaLagMetric(long lag, long metric, int partitions) {

    /** KEDA's activation: with minReplicaCount 0, the target is scaled from 0 only above this lag. */
    public boolean active(ScalingSpec spec) {
        return lag > spec.activationLagThreshold();
    }

    public static KafkaLagMetric read(Admin admin, String topic, String group, ScalingSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            long end = latest.get(partition).offset();
            OffsetAndMetadata offset = committed.get(partition);
            lag += offset != null ? end - offset.offset() : spec.resetToEarliest() ? end : 1;
        }
        long metric = lag;
        if (!spec.allowIdleConsumers() && lag / spec.lagThreshold() > partitions.size()) {
            metric = partitions.size() * spec.lagThreshold();
        }
        return new KafkaLagMetric(lag, metric, partitions.size());
    }
}
