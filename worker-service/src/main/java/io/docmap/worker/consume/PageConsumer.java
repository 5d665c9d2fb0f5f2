package io.docmap.worker.consume;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.docmap.common.Names;
import io.docmap.common.kafka.PageMessage;
import io.docmap.worker.WorkerConfig;
import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.page.PageProcessor;
import io.docmap.worker.page.PageReport;
import io.docmap.worker.persistence.attempts.PageAttempts;

/**
 * Consumes pages with backpressure: at most {@code pages-in-flight} pages at once, and the Kafka consumer pauses
 * while they run. A record is acknowledged only after its page's transaction has committed; a failed page is tried
 * again with backoff and never acknowledged in between. Every attempt marks the page taken as it begins, beside the
 * page's first read, which starts or renews its lease ({@link PageAttempts}); an attempt ends only once its take is
 * recorded. Unreadable messages go to the dead-letter topic.
 */
@ApplicationScoped
public class PageConsumer {

    /** Longest the record of a failed attempt may hold up the next attempt. */
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(5);

    private final PageReader reader;
    private final PageProcessor processor;
    private final IsolatedContext isolated;
    private final WorkerConfig config;
    private final InFlight inFlight;
    private final PageAttempts attempts;
    private final WorkerMetrics metrics;

    public PageConsumer(
            PageReader reader,
            PageProcessor processor,
            IsolatedContext isolated,
            WorkerConfig config,
            InFlight inFlight,
            PageAttempts attempts,
            WorkerMetrics metrics) {
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.attempts = attempts;
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
            metrics.pageDeadLettered();
            return settle(() -> record.nack(e)).onItem().transform(ignored -> null);
        }
        if (!inFlight.accepting()) {
            return Uni.createFrom().nullItem();
        }
        TopicPartition partition = partitionOf(record);
        inFlight.started(partition, page.ids().size());
        // The take runs beside the page's first read: the attempt does not wait for it, and ends only once it is in.
        return isolated.run(record, () -> Uni.combine()
                        .all()
                        .unis(attempts.taken(page.pageId()), processor.process(page))
                        .with((taken, report) -> report))
                .ifNoItem()
                .after(config.pageTimeout())
                .failWith(() -> new IllegalStateException("attempt not finished within " + config.pageTimeout()))
                .onFailure()
                .call(e -> attemptFailed(record, page, e))
                .onFailure()
                .retry()
                .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
                .indefinitely()
                .call(report -> settle(record::ack))
                .onTermination()
                .invoke(() -> inFlight.ended(partition, page.ids().size()))
                .map(Message::of);
    }

    /**
     * Logs the failed attempt and records it for the dispatcher, which reports a page that keeps failing. The record
     * is best effort: when the database is what failed, the log is all there is, and the retry must not wait on it.
     */
    private Uni<Void> attemptFailed(Message<byte[]> record, PageMessage page, Throwable failure) {
        Log.warnf(
                "page %d (%d ids) failed, trying again: %s",
                page.pageId(), page.ids().size(), failure.toString());
        return isolated.run(record, () -> attempts.failed(page.pageId(), failure))
                .ifNoItem()
                .after(RECORD_TIMEOUT)
                .fail()
                .onFailure()
                .recoverWithUni(e -> {
                    Log.warnf("page %d: its failed attempt could not be recorded: %s", page.pageId(), e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private static TopicPartition partitionOf(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> new TopicPartition(metadata.getTopic(), metadata.getPartition()))
                .orElse(null);
    }

    private static Uni<Void> settle(Supplier<CompletionStage<Void>> acknowledgement) {
        return Uni.createFrom().completionStage(acknowledgement);
    }
}
