package io.docmap.mapper;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

import io.docmap.common.mapper.MapperResult;
import io.docmap.mapper.gazetteer.Entity;

/**
 * A document's entities as the contract's answer: each surface form once and each canonical name once, in order of
 * first appearance. The answer is bounded by the gazetteer, not by the text: a text that names one city a million
 * times answers with one name, as a request is bounded by its body.
 */
final class FirstAppearances implements Consumer<Entity> {

    private final LinkedHashSet<String> surfaces = new LinkedHashSet<>();
    private final LinkedHashSet<String> canonical = new LinkedHashSet<>();

    @Override
    public void accept(Entity entity) {
        surfaces.add(entity.surface());
        canonical.add(entity.canonical());
    }

    MapperResult result(String docId) {
        return new MapperResult(docId, List.copyOf(surfaces), List.copyOf(canonical));
    }
}
