package io.docmap.worker.model;

import java.util.ArrayList;
import java.util.List;

/** What mapping some documents gave: each document is in exactly one of the two lists. */
public record MappingOutcome(List<DocumentResult> results, List<DocumentFailure> failures) {

    /** No outcome: documents whose verdict waits for the rest of their page. */
    public static final MappingOutcome NONE = new MappingOutcome(List.of(), List.of());

    public static MappingOutcome failed(DocumentFailure failure) {
        return new MappingOutcome(List.of(), List.of(failure));
    }

    public static MappingOutcome merge(List<MappingOutcome> parts) {
        List<DocumentResult> results = new ArrayList<>();
        List<DocumentFailure> failures = new ArrayList<>();
        parts.forEach(part -> {
            results.addAll(part.results());
            failures.addAll(part.failures());
        });
        return new MappingOutcome(results, failures);
    }

    /** This outcome with more failures. */
    public MappingOutcome withFailures(List<DocumentFailure> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<DocumentFailure> all = new ArrayList<>(failures);
        all.addAll(more);
        return new MappingOutcome(results, all);
    }

    /**
     * This outcome with its documents' texts let go: what the store needs is their ids, and a page's outcome is kept
     * until its last slice is mapped.
     */
    public MappingOutcome withoutTexts() {
        return new MappingOutcome(
                results.stream()
                        .map(r -> new DocumentResult(
                                r.document().withoutText(), r.entities(), r.canonicalNames(), r.mapperVersion()))
                        .toList(),
                failures.stream()
                        .map(f -> new DocumentFailure(f.document().withoutText(), f.cause(), f.message()))
                        .toList());
    }

    public int size() {
        return results.size() + failures.size();
    }
}
