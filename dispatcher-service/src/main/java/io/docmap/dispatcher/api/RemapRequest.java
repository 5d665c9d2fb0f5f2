package io.docmap.dispatcher.api;

import java.util.List;
import java.util.stream.Stream;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.docmap.dispatcher.persistence.remap.RemapSelection;

/**
 * Which results to map again: those that match every criterion given, at least one. {@code mapperVersion} selects
 * that version's results and older ones ("unknown" those of no known version), {@code fromId} and {@code toId} a
 * range of source ids, {@code docIds} documents, {@code entity} the results that name it.
 */
public record RemapRequest(
        @Size(min = 1, max = 64, message = "must be 1 to 64 characters") String mapperVersion,
        @PositiveOrZero(message = "must be 0 or more") Long fromId,
        @PositiveOrZero(message = "must be 0 or more") Long toId,
        @Size(min = 1, max = ApiLimits.MAX_ITEMS, message = "must list 1 to {max} doc_ids")
                List<@NotNull(message = "must not hold null") String> docIds,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String entity) {

    @AssertTrue(message = "give at least one of mapperVersion, fromId, toId, docIds, entity")
    public boolean isSelecting() {
        return Stream.of(mapperVersion, fromId, toId, docIds, entity).anyMatch(given -> given != null);
    }

    @AssertTrue(message = "fromId must be at most toId")
    public boolean isOrderedRange() {
        return fromId == null || toId == null || fromId <= toId;
    }

    public RemapSelection selection() {
        return new RemapSelection(mapperVersion, fromId, toId, docIds, entity, null);
    }
}
