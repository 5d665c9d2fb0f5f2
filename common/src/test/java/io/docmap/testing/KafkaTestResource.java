package io.docmap.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a test class at the real local Kafka broker, with page and dead-letter topics and a consumer group of
 * its own, so that test classes never read each other's messages.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "kafka.bootstrap.servers", LocalInfra.kafkaBootstrap(),
                "docmap.pages-topic", "test.pages." + suffix,
                "docmap.dlq-topic", "test.pages.dlq." + suffix,
                "docmap.worker-group", "test-worker-" + suffix);
    }

    @Override
    public void stop() {}
}
