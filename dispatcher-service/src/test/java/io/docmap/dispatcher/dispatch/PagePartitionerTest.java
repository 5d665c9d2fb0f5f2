package io.docmap.dispatcher.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagePartitionerTest {

    private static final String TOPIC = "pages";
    private static final Node BROKER = new Node(0, "localhost", 9092);

    private final PagePartitioner partitioner = new PagePartitioner();

    @Test
    void consecutivePagesFillEveryPartitionEqually() {
        Cluster cluster = clusterWith(12);
        Map<Integer, Long> pagesPerPartition = LongStream.rangeClosed(1001, 1120)
                .mapToObj(pageId -> partitioner.partition(TOPIC, Long.toString(pageId), null, null, null, cluster))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(pagesPerPartition).hasSize(12).allSatisfy((partition, pages) -> assertThat(pages)
                .isEqualTo(10));
    }

    @Test
    void aPageSentAgainGoesToTheSamePartition() {
        Cluster cluster = clusterWith(5);
        assertThat(partitioner.partition(TOPIC, "42", null, null, null, cluster))
                .isEqualTo(partitioner.partition(TOPIC, "42", null, null, null, cluster))
                .isEqualTo(2);
    }

    @Test
    void aRecordWithoutAPageIdIsRefused() {
        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, null, null, null, clusterWith(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page id");
    }

    private static Cluster clusterWith(int partitions) {
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(TOPIC, p, BROKER, new Node[] {BROKER}, new Node[] {BROKER}))
                .toList();
        return new Cluster("test", List.of(BROKER), infos, Set.of(), Set.of());
    }
}
