package io.docmap.dispatcher.workers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the workers' consumer group from the broker: its members, their partitions, and each partition's lag. */
@ApplicationScoped
public class WorkerGroup {

    private final Admin admin;
    private final String topic;
    private final String group;

    public WorkerGroup(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "docmap.pages-topic") String topic,
            @ConfigProperty(name = "docmap.worker-group") String group) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "docmap-dispatcher-workers-view");
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

    public String group() {
        return group;
    }

    /** The group now: four requests to the broker, none blocking a thread. */
    Uni<GroupView> read() {
        return uni(admin.describeTopics(List.of(topic)).allTopicNames())
                .map(topics -> topics.get(topic))
                .chain(description -> uni(admin.describeConsumerGroups(List.of(group))
                                .all())
                        .chain(groups -> committed().chain(committed -> ends(description)
                                .map(ends -> view(groups.get(group), ends, committed)))));
    }

    private Uni<Map<Integer, Long>> committed() {
        return uni(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                .map(offsets -> offsets.entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                        .collect(Collectors.toMap(e -> e.getKey().partition(), e -> offset(e.getValue()))));
    }

    private Uni<Map<Integer, Long>> ends(TopicDescription description) {
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return uni(admin.listOffsets(latest).all()).map(offsets -> offsets.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().offset())));
    }

    private GroupView view(
            ConsumerGroupDescription description, Map<Integer, Long> ends, Map<Integer, Long> committed) {
        List<GroupView.Member> members = description.members().stream()
                .map(m -> new GroupView.Member(
                        m.clientId(), m.host(), partitionsOf(m.assignment().topicPartitions())))
                .toList();
        return new GroupView(description.groupState().toString(), members, ends, committed);
    }

    private List<Integer> partitionsOf(Collection<TopicPartition> assigned) {
        return assigned.stream()
                .filter(p -> p.topic().equals(topic))
                .map(TopicPartition::partition)
                .sorted()
                .toList();
    }

    private static long offset(OffsetAndMetadata offset) {
        return offset.offset();
    }

    private static <T> Uni<T> uni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }
}
