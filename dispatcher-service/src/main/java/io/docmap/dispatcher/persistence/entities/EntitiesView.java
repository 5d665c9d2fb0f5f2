package io.docmap.dispatcher.persistence.entities;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the current results name: the canonical names by documents, the documents that name none, and what each pair
 * of mapper versions changed in re-maps.
 *
 * @param countedUpTo the result id up to which stored results are counted (re-mapped ones as their pages finish)
 * @param top the canonical names in the most documents, most first
 * @param withoutEntity documents whose result names no entity
 * @param changes per pair of versions a re-map went from and to ("" is unknown): the names most documents gained, and
 *     lost ("" there counts documents that named none)
 */
@RegisterForReflection
public record EntitiesView(long countedUpTo, List<Name> top, long withoutEntity, List<Change> changes) {

    @RegisterForReflection
    public record Name(String name, long documents) {}

    @RegisterForReflection
    public record Change(String fromVersion, String toVersion, List<Name> gained, List<Name> lost) {}
}
