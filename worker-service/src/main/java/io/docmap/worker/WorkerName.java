package io.docmap.worker;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The worker's name, {@code docmap.worker.name}: the JVM's, pid@host, where the host is the pod's name on Kubernetes.
 * Its attempts carry it in {@code page_attempt.worker}, and its Kafka consumer carries it as its client id, so that the
 * workers panel tells two workers on one host apart by the names the stuck pages name. {@code DOCMAP_WORKER_NAME}
 * sets another; this source's ordinal is below the environment's and the properties'.
 */
public final class WorkerName implements ConfigSource {

    public static final String PROPERTY = "docmap.worker.name";

    private final Map<String, String> values =
            Map.of(PROPERTY, ManagementFactory.getRuntimeMXBean().getName());

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "docmap worker name";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
