package io.docmap.testing;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes raw records straight to a topic: pages, duplicates and garbage, as a test needs them. */
public final class TestProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TestProducer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    /** Sends and waits for the broker's acknowledgement; {@code partition} may be null. */
    public RecordMetadata send(String topic, Integer partition, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, key, value))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic, e.getCause());
        }
    }

    /** A page message as the dispatcher writes it. */
    public static String page(long pageId, List<Long> ids) {
        return "{\"v\":1,\"pageId\":" + pageId + ",\"ids\":" + ids + "}";
    }

    @Override
    public void close() {
        producer.close();
    }
}
