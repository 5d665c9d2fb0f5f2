package io.docmap.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A {@link SecuredBroker} for a Quarkus test: the service gets the {@code kafka.*} settings that reach it and topics
 * and a group of its own, as {@link KafkaTestResource} gives them; fields annotated {@link InjectKafkaCompanion} get a
 * {@link KafkaCompanion} with the same settings.
 */
public class SecuredBrokerResource implements QuarkusTestResourceLifecycleManager {

    private final SecuredBroker broker = new SecuredBroker();
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = broker.start();
        companion = new KafkaCompanion(settings.get("kafka.bootstrap.servers"));
        companion.setCommonClientConfig(SecuredBroker.clientConfig(settings));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>(settings);
        config.put("docmap.pages-topic", "secured.pages." + suffix);
        config.put("docmap.dlq-topic", "secured.pages.dlq." + suffix);
        config.put("docmap.worker-group", "secured-worker-" + suffix);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        broker.close();
    }
}
