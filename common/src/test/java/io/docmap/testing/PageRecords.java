package io.docmap.testing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.docmap.common.kafka.PageMessage;

/** Page records as the dispatcher writes them (keyed by page id), for tests that write the page topic themselves. */
public final class PageRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PageRecords() {}

    /** A page record for {@code partition}, or for the partition its key picks when that is null. */
    public static ProducerRecord<String, String> of(String topic, Integer partition, long pageId, List<Long> ids) {
        return record(topic, partition, PageMessage.of(pageId, ids));
    }

    /** A re-map's page record, for the partition its key picks. */
    public static ProducerRecord<String, String> remap(String topic, long pageId, List<Long> ids, Instant before) {
        return record(topic, null, PageMessage.remap(pageId, ids, before));
    }

    private static ProducerRecord<String, String> record(String topic, Integer partition, PageMessage page) {
        try {
            return new ProducerRecord<>(topic, partition, Long.toString(page.pageId()), JSON.writeValueAsString(page));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write page " + page.pageId(), e);
        }
    }
}
