package io.docmap.dispatcher.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The page topic and the workers' consumer group, as the broker's admin API tells them: partitions, offsets, members.
 * Every read is a request to the broker, answered on the admin client's thread; none blocks a thread.
 */
@ApplicationScoped
public class PageTopic {

    private final Admin admin;
    private final String topic;
    private final String group;

    /** {@code kafka} is every {@code kafka.*} setting, the one place of each Kafka client's address and security. */
    public PageTopic(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "docmap.pages-topic") String topic,
            @ConfigProperty(name = "docmap.worker-group") String group) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "docmap-dispatcher-page-topic");
        // A status page waits for this: a broker that does not answer is reported within seconds.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(config);
        this.topic = topic;
        this.group = group;
    }

    @PreDestroy
    void close() {
        admin.close();
    }

    public String name() {
        return topic;
    }

    public String group() {
        return group;
    }

    public Uni<TopicDescription> describe() {
        return uni(admin.describeTopics(List.of(topic)).allTopicNames()).map(topics -> topics.get(topic));
    }

    public Uni<ConsumerGroupDescription> describeGroup() {
        return uni(admin.describeConsumerGroups(List.of(group)).all()).map(groups -> groups.get(group));
    }

    /**
     * Each partition's span now: its start, its end and how far the group has read it. The answer, or the failure,
     * comes back on the caller's Vert.x context, where a database session can follow.
     */
    public Uni<Map<Integer, PartitionSpan>> spans() {
        Context context = Vertx.currentContext();
        return describe()
                .chain(description -> offsets(description, OffsetSpec.earliest())
                        .chain(starts -> offsets(description, OffsetSpec.latest())
                                .chain(ends -> committed().map(committed -> starts.keySet().stream()
                                        .collect(Collectors.toMap(
                                                p -> p,
                                                p -> new PartitionSpan(
                                                        starts.get(p), ends.get(p), committed.get(p))))))))
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The group's committed offset of each partition that has one. */
    public Uni<Map<Integer, Long>> committed() {
        return uni(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                .map(offsets -> offsets.entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                        .collect(Collectors.toMap(
                                e -> e.getKey().partition(), e -> e.getValue().offset())));
    }

    /** Each partition's offset of the kind {@code spec} names: its end ({@code latest}) or its start. */
    public Uni<Map<Integer, Long>> offsets(TopicDescription description, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> asked = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> spec));
        return uni(admin.listOffsets(asked).all()).map(offsets -> offsets.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().offset())));
    }

    private static <T> Uni<T> uni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }
}
