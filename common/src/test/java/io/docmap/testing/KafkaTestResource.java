package io.docmap.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Points a test class at the real local Kafka broker, with page and dead-letter topics and a consumer group of
 * its own, so that test classes never read each other's messages. Fields annotated {@link InjectKafkaCompanion}
 * get a {@link KafkaCompanion} on that broker, to write, read and inspect the topics.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        String bootstrap = LocalInfra.kafkaBootstrap();
        companion = new KafkaCompanion(bootstrap);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "docmap.pages-topic", "test.pages." + suffix,
                "docmap.dlq-topic", "test.pages.dlq." + suffix,
                "docmap.worker-group", "test-worker-" + suffix);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
    }
}
