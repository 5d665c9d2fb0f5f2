package io.docmap.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** What a topic holds, read through {@link KafkaCompanion}. */
public final class Topics {

    private Topics() {}

    /**
     * Every record the topic holds now, from its first; none while the topic is not created yet. Its end offsets
     * count its records: docmap's topics carry no transaction markers and are not compacted.
     */
    public static List<ConsumerRecord<String, String>> readAll(KafkaCompanion kafka, String topic) {
        if (!kafka.topics().list().contains(topic)) {
            return List.of();
        }
        long records = kafka.offsets().list(partitions(kafka, topic)).values().stream()
                .mapToLong(ListOffsetsResultInfo::offset)
                .sum();
        return kafka.consumeStrings()
                .fromTopics(topic, records)
                .awaitCompletion()
                .getRecords();
    }

    /** The group's committed offset on a partition of the topic, or -1 when none. */
    public static long committed(KafkaCompanion kafka, String group, String topic, int partition) {
        var offset = kafka.consumerGroups().offsets(group, KafkaCompanion.tp(topic, partition));
        return offset == null ? -1 : offset.offset();
    }

    /** Each partition's offset of the kind {@code spec} names: {@code latest()} for its end, {@code earliest()}. */
    public static Map<TopicPartition, Long> offsets(KafkaCompanion kafka, String topic, OffsetSpec spec) {
        return kafka
                .offsets()
                .list(partitions(kafka, topic).stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public static List<TopicPartition> partitions(KafkaCompanion kafka, String topic) {
        return kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> KafkaCompanion.tp(topic, p.partition()))
                .toList();
    }
}
