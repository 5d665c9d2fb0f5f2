package io.docmap.worker.consume;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.docmap.common.Names;
import io.docmap.common.kafka.PageMessage;
import io.docmap.worker.WorkerConfig;

/**
 * Consumes pages with backpressure: at most {@code pages-in-flight} pages at once, and the Kafka consumer pauses
 * while they run. A record is acknowledged only after its page's transaction has committed; a failed page is tried
 * again with backoff and never acknowledged in between. Unreadable messages go to the dead-letter topic.
 */
@ApplicationScoped
public class PageConsumer {

    private final PageReader reader;
    private final PageProcessor processor;
    private final IsolatedContext isolated;
    private final WorkerConfig config;
    private final InFlight inFlight;

    public PageConsumer(
            PageReader reader,
            PageProcessor processor,
            IsolatedContext isolated,
            WorkerConfig config,
            InFlight inFlight) {
        this.inFlight = inFlight;
        this.reader = reader;
        this.processor = processor;
        this.isolated = isolated;
        this.config = config;
    }

    @Incoming(Names.PAGES_IN)
    @Outgoing(Names.PAGES_DONE)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<PageReport>> consume(Multi<Message<byte[]>> records) {
        // A Uni that yields null (an unreadable record, already dead-lettered) emits nothing downstream.
        return records.onItem().transformToUni(this::handle).merge(config.pagesInFlight());
    }

    private Uni<Message<PageReport>> handle(Message<byte[]> record) {
        PageMessage page;
        try {
            page = reader.read(record.getPayload());
        } catch (UnreadablePageException e) {
            Log.errorf("unreadable page message sent to the dead-letter topic: %s", e.getMessage());
            return settle(() -> record.nack(e)).onItem().transform(ignored -> null);
        }
        if (!inFlight.accepting()) {
            return Uni.createFrom().nullItem();
        }
        inFlight.started(page.ids().size());
        return isolated.run(record, () -> processor.process(page))
                .ifNoItem()
                .after(config.pageTimeout())
                .failWith(() -> new IllegalStateException("attempt not finished within " + config.pageTimeout()))
                .onFailure()
                .invoke(e -> Log.warnf(
                        "page %d (%d ids) failed, trying again: %s",
                        page.pageId(), page.ids().size(), e.toString()))
                .onFailure()
                .retry()
                .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                .indefinitely()
                .call(report -> settle(record::ack))
                .onTermination()
                .invoke(() -> inFlight.ended(page.ids().size()))
                .map(Message::of);
    }

    private static Uni<Void> settle(Supplier<CompletionStage<Void>> acknowledgement) {
        return Uni.createFrom().completionStage(acknowledgement);
    }
}
