package io.docmap.mapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

import io.docmap.common.mapper.MapperResult;
import io.docmap.mapper.gazetteer.Entity;
import io.docmap.mapper.gazetteer.Gazetteer;
import io.docmap.mapper.ner.ChineseNer;

/**
 * Maps one document: gazetteer entities first, then, when enabled, NER entities that no gazetteer entity overlaps.
 * {@code ent_list} keeps surface forms in order of appearance; {@code maaped_ent} their canonical names, once each.
 */
@Startup
@ApplicationScoped
public class EntityMapper {

    private final Gazetteer gazetteer;
    private final Optional<ChineseNer> ner;

    public EntityMapper(Gazetteer gazetteer, MapperConfig config) {
        this.gazetteer = gazetteer;
        this.ner = config.nerEnabled() ? Optional.of(new ChineseNer()) : Optional.empty();
        Log.infof(
                "entity mapper ready: gazetteer of %d patterns, Chinese NER %s",
                gazetteer.size(), ner.isPresent() ? "on" : "off");
    }

    public MapperResult map(String docId, String text) {
        return resultOf(docId, find(text == null ? "" : text));
    }

    /** The contract's answer for a document's entities: surfaces in order, canonical names once each. */
    public static MapperResult resultOf(String docId, List<Entity> entities) {
        List<String> surfaces = entities.stream().map(Entity::surface).toList();
        LinkedHashSet<String> canonical = new LinkedHashSet<>();
        entities.forEach(e -> canonical.add(e.canonical()));
        return new MapperResult(docId, surfaces, List.copyOf(canonical));
    }

    private List<Entity> find(String text) {
        List<Entity> entities = new ArrayList<>(gazetteer.find(text));
        ner.ifPresent(recognizer -> {
            List<Entity> known = List.copyOf(entities);
            recognizer.find(text).stream()
                    .map(span -> {
                        String surface = text.substring(span.start(), span.end());
                        return new Entity(span.start(), span.end(), surface, gazetteer.canonicalOf(surface));
                    })
                    .filter(candidate -> known.stream().noneMatch(candidate::overlaps))
                    .forEach(entities::add);
            entities.sort(Comparator.comparingInt(Entity::start));
        });
        return entities;
    }
}
