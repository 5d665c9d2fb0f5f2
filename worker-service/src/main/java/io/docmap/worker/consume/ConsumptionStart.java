package io.docmap.worker.consume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.vertx.core.Vertx;

import io.docmap.common.Names;
import io.docmap.common.vertx.FreshContexts;
import io.docmap.worker.page.PageProcessor;
import io.docmap.worker.persistence.schema.SchemaFacts;

/**
 * Starts consuming once the schema is ready and the page's reads and store have warmed up
 * ({@link PageProcessor#warmUp}). The page channel starts paused and subscribes late
 * ({@code pausable.late-subscription}): until it resumes, this worker has not joined the consumer group, so no
 * partition waits on a worker that cannot store anything yet.
 */
@ApplicationScoped
public class ConsumptionStart {

    private final ChannelRegistry channels;
    private final PageProcessor processor;
    private final Vertx vertx;

    public ConsumptionStart(ChannelRegistry channels, PageProcessor processor, Vertx vertx) {
        this.channels = channels;
        this.processor = processor;
        this.vertx = vertx;
    }

    void schemaReady(@Observes SchemaFacts facts) {
        // A session of its own, on a context of its own, as each page has.
        FreshContexts.create(vertx)
                .runOnContext(ignored -> processor.warmUp().subscribe().with(warm -> resume(), failure -> {
                    Log.warnf(
                            "the page's reads and store failed to warm up (%s); consuming all the same",
                            failure.toString());
                    resume();
                }));
    }

    private void resume() {
        channels.getPausable(Names.PAGES_IN).resume();
    }
}
