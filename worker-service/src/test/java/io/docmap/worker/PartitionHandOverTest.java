package io.docmap.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.docmap.testing.DatabaseTestResource;
import io.docmap.testing.KafkaTestResource;
import io.docmap.testing.LocalInfra;
import io.docmap.testing.PageRecords;
import io.docmap.testing.SourceRows;
import io.docmap.testing.Sql;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapperResource;
import io.docmap.testing.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second worker joins the group while this one maps a page from every partition, as a KEDA scale-up does. The
 * partitions that move to the newcomer must reach it only once their pages are stored here: were they handed over at
 * once, the newcomer would read those pages again and map them a second time.
 */
@QuarkusTest
@TestProfile(PartitionHandOverTest.EveryPartitionInFlight.class)
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInMapperResource.class, restrictToAnnotatedClass = true)
class PartitionHandOverTest {

    /** A page from each of the topic's partitions (the broker's 12) in flight at once. */
    public static class EveryPartitionInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docmap.worker.pages-in-flight", "12", "docmap.worker.concurrency", "12");
        }
    }

    private static final Duration OUTCOME = Duration.ofSeconds(60);

    /** Long beside a rebalance, which takes well under a second here, and short beside drain-timeout (15 s). */
    private static final long MAPPER_MILLIS = 4_000;

    StandInMapper mapper;

    @Inject
    AgroalDataSource db;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @ConfigProperty(name = "docmap.pages-topic")
    String topic;

    @ConfigProperty(name = "docmap.worker-group")
    String group;

    @Test
    void partitionsMoveToAJoiningWorkerOnlyOnceTheirPagesInFlightAreStored() throws Exception {
        await().atMost(OUTCOME).until(() -> kafka.topics().list().contains(topic));
        List<TopicPartition> partitions = Topics.partitions(kafka, topic);
        assertThat(partitions).as("partitions, so that some can move").hasSizeGreaterThan(1);
        List<Long> ids = insert(partitions.size());
        mapper.script(docIds ->
                docIds.get(0).startsWith("handover-") ? new StandInMapper.Answer(200, null, MAPPER_MILLIS) : null);
        List<ProducerRecord<String, String>> pages = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            int page = partition.partition();
            pages.add(PageRecords.of(topic, page, 100 + page, List.of(ids.get(page))));
        }
        kafka.produceStrings().fromRecords(pages).awaitCompletion();
        await().atMost(OUTCOME).until(() -> calledOnce(partitions.size()));

        // Stored or not, at the moment each partition reached the newcomer.
        Map<Integer, Long> storedWhenMoved = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> newcomer = joiningWorker()) {
            newcomer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    for (TopicPartition partition : assigned) {
                        storedWhenMoved.put(partition.partition(), results("handover-" + partition.partition()));
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {}
            });
            await().atMost(OUTCOME).until(() -> {
                newcomer.poll(Duration.ofMillis(100));
                return !storedWhenMoved.isEmpty();
            });
        }

        assertThat(storedWhenMoved)
                .as("results of each moved partition's page when it reached the newcomer")
                .allSatisfy((partition, stored) -> assertThat(stored).isEqualTo(1));
        assertThat(calledOnce(partitions.size()))
                .as("every document went to the mapper once")
                .isTrue();
    }

    private boolean calledOnce(int documents) {
        return IntStream.range(0, documents).allMatch(i -> mapper.callsFor("handover-" + i) == 1);
    }

    private KafkaConsumer<String, String> joiningWorker() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.kafkaBootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "joining-worker");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private List<Long> insert(int count) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SourceRows.insert(c, "handover", count, i -> "word" + i + " of a page in flight");
        }
    }

    private long results(String docId) {
        try {
            return Sql.number(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id = ?", docId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
