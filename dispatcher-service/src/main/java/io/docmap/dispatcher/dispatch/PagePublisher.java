package io.docmap.dispatcher.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.docmap.common.Names;
import io.docmap.common.kafka.PageMessage;
import io.docmap.dispatcher.persistence.pages.SentRecord;

/**
 * Emits pages to the page topic; the returned Uni completes only when the broker has acknowledged the page, with where
 * the broker put it.
 */
@ApplicationScoped
public class PagePublisher {

    private final MutinyEmitter<PageMessage> emitter;

    public PagePublisher(@Channel(Names.PAGES_OUT) MutinyEmitter<PageMessage> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends a page, keyed by its id, with the leadership epoch of the dispatcher that sends it in the
     * {@link Names#LEADER_EPOCH_HEADER} header: which leader sent a record, for an operator or a test.
     */
    public Uni<SentRecord> publish(long pageId, List<Long> ids, long epoch) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(pageId))
                .withHeaders(new RecordHeaders()
                        .add(Names.LEADER_EPOCH_HEADER, Long.toString(epoch).getBytes(StandardCharsets.UTF_8)))
                .build();
        OutgoingMessageMetadata<RecordMetadata> acknowledged = new OutgoingMessageMetadata<>();
        return emitter.sendMessage(
                        Message.of(PageMessage.of(pageId, ids)).addMetadata(key).addMetadata(acknowledged))
                .map(ignored -> new SentRecord(
                        acknowledged.getResult().partition(),
                        acknowledged.getResult().offset()));
    }
}
