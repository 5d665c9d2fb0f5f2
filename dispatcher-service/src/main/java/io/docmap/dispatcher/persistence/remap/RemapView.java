package io.docmap.dispatcher.persistence.remap;

import java.time.LocalDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A re-map's progress, apart from the run's: source rows selected when it was asked, sent in its pages, done (their
 * pages finished: replaced, or kept where the mapper refused them), pending, and done per second over the last
 * minute.
 */
@RegisterForReflection
public record RemapView(
        long remapId,
        RemapSelection selection,
        RemapState state,
        String requestedBy,
        LocalDateTime requestedAt,
        LocalDateTime endedAt,
        long selected,
        long sent,
        long done,
        long pending,
        double docsPerSecond) {

    static RemapView of(Remap remap, RemapSelection selection, long sent, long done, double docsPerSecond) {
        return new RemapView(
                remap.remapId,
                selection,
                remap.state,
                remap.requestedBy,
                remap.requestedAt,
                remap.endedAt,
                remap.selected,
                sent,
                done,
                Math.max(0, remap.selected - done),
                docsPerSecond);
    }
}
