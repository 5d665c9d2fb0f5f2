package io.docmap.dispatcher.workers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.docmap.dispatcher.kafka.PageTopic;

/** Reads the workers' consumer group from the broker: its members, their partitions, and each partition's lag. */
@ApplicationScoped
public class WorkerGroup {

    private final PageTopic topic;

    public WorkerGroup(PageTopic topic) {
        this.topic = topic;
    }

    public String group() {
        return topic.group();
    }

    /** The group now: four requests to the broker, none blocking a thread. */
    Uni<GroupView> read() {
        return topic.describe().chain(description -> topic.describeGroup()
                .chain(group -> topic.committed().chain(committed -> topic.offsets(description, OffsetSpec.latest())
                        .map(ends -> view(group, ends, committed)))));
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
                .filter(p -> p.topic().equals(topic.name()))
                .map(TopicPartition::partition)
                .sorted()
                .toList();
    }
}
