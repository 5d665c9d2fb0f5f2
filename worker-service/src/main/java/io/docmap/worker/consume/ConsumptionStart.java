package io.docmap.worker.consume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.reactive.messaging.ChannelRegistry;

import io.docmap.common.Names;
import io.docmap.worker.persistence.SchemaFacts;

/**
 * Starts consuming once the schema is ready. The page channel starts paused and subscribes late
 * ({@code pausable.late-subscription}): until it resumes, this worker has not joined the consumer group, so no
 * partition waits on a worker that cannot store anything yet.
 */
@ApplicationScoped
public class ConsumptionStart {

    private final ChannelRegistry channels;

    public ConsumptionStart(ChannelRegistry channels) {
        this.channels = channels;
    }

    void schemaReady(@Observes SchemaFacts facts) {
        channels.getPausable(Names.PAGES_IN).resume();
    }
}
