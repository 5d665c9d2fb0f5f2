package io.docmap.dispatcher.api;

import java.util.List;
import java.util.stream.Stream;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.docmap.dispatcher.persistence.failures.FailureSelection;

/**
 * Which failures to retry: exactly one of {@code all: true}, a {@code cause}, or a list of {@code docIds}.
 */
public record RetryRequest(
        Boolean all,
        @KnownCause @Size(min = 1, message = "must name a cause") String cause,
        @Size(min = 1, max = ApiLimits.MAX_ITEMS, message = "must list 1 to {max} doc_ids")
                List<@NotNull(message = "must not hold null") String> docIds) {

    @AssertTrue(message = "give exactly one of all: true, cause, or docIds")
    public boolean isOneSelection() {
        return Stream.of(Boolean.TRUE.equals(all), cause != null, docIds != null)
                        .filter(given -> given)
                        .count()
                == 1;
    }

    /** The failures this request selects; valid requests only. */
    public FailureSelection selection() {
        if (Boolean.TRUE.equals(all)) {
            return FailureSelection.all();
        }
        return cause != null ? FailureSelection.ofCause(cause) : FailureSelection.ofDocuments(docIds);
    }
}
