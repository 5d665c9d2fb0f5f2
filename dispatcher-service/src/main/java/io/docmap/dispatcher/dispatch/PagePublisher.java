package io.docmap.dispatcher.dispatch;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.docmap.common.Names;
import io.docmap.common.kafka.PageMessage;

/** Emits pages to the page topic; the returned Uni completes only when the broker has acknowledged the page. */
@ApplicationScoped
public class PagePublisher {

    private final MutinyEmitter<PageMessage> emitter;

    public PagePublisher(@Channel(Names.PAGES_OUT) MutinyEmitter<PageMessage> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(long pageId, List<Long> ids) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(pageId))
                .build();
        return emitter.sendMessage(Message.of(PageMessage.of(pageId, ids)).addMetadata(key));
    }
}
