package io.docmap.testing;

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
        try {
            return new ProducerRecord<>(
                    topic, partition, Long.toString(pageId), JSON.writeValueAsString(PageMessage.of(pageId, ids)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write page " + pageId, e);
        }
    }
}
