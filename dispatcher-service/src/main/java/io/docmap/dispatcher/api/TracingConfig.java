package io.docmap.dispatcher.api;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Links to traces, under {@code docmap.tracing}. */
@ConfigMapping(prefix = "docmap.tracing")
public interface TracingConfig {

    /**
     * A trace viewer's URL of one trace, with {@code {traceId}} where the id goes (Jaeger:
     * {@code https://jaeger.example/trace/{traceId}}): a looked-up document links to the traces of the pages that
     * carried it. Unset: the trace ids are shown without a link.
     */
    Optional<String> traceUrl();
}
