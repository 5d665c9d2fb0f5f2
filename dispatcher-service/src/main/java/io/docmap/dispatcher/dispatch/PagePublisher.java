package io.docmap.dispatcher.dispatch;

import java.nio.charset.StandardCharsets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private final Tracer tracer;
    private final KafkaClientService clients;
    private final String topic;

    public PagePublisher(
            @Channel(Names.PAGES_OUT) MutinyEmitter<PageMessage> emitter,
            Tracer tracer,
            KafkaClientService clients,
            @ConfigProperty(name = "docmap.pages-topic") String topic) {
        this.emitter = emitter;
        this.tracer = tracer;
        this.clients = clients;
        this.topic = topic;
    }

    /**
     * Asks the broker for the page topic's partitions at start-up, as the first send would: the first page of a run
     * was sent 0.47 s after it was recorded, later ones within 0.1 s. A broker that does not answer yet is no reason
     * to wait here; the first send asks again.
     */
    void knowTopic(@Observes StartupEvent event) {
        clients.getProducer(Names.PAGES_OUT)
                .partitionsFor(topic)
                .subscribe()
                .with(
                        partitions -> Log.debugf("page topic %s: %d partitions", topic, partitions.size()),
                        failure -> Log.debugf(
                                "the page topic's partitions are not known yet (%s); the first send asks again",
                                failure.toString()));
    }

    /**
     * Sends a page, keyed by its id, with the leadership epoch of the dispatcher that sends it in the
     * {@link Names#LEADER_EPOCH_HEADER} header: which leader sent a record, for an operator or a test. The send is a
     * span of its own, the parent of the record's, so that its trace id, kept with the page, names the trace that the
     * worker and the mapper continue.
     */
    public Uni<SentRecord> publish(PageMessage page, long epoch) {
        long pageId = page.pageId();
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(pageId))
                .withHeaders(new RecordHeaders()
                        .add(Names.LEADER_EPOCH_HEADER, Long.toString(epoch).getBytes(StandardCharsets.UTF_8)))
                .build();
        OutgoingMessageMetadata<RecordMetadata> acknowledged = new OutgoingMessageMetadata<>();
        Span send = tracer.spanBuilder("docmap page send")
                .setAttribute("docmap.page.id", pageId)
                .startSpan();
        SpanContext trace = send.getSpanContext();
        return emitter.sendMessage(Message.of(page)
                        .addMetadata(key)
                        .addMetadata(acknowledged)
                        .addMetadata(
                                TracingMetadata.withCurrent(Context.current().with(send))))
                .map(ignored -> new SentRecord(
                        acknowledged.getResult().partition(),
                        acknowledged.getResult().offset(),
                        trace.isValid() ? trace.getTraceId() : null))
                .onTermination()
                .invoke(send::end);
    }
}
