package io.docmap.mapper;

import java.util.ArrayList;
import java.util.Comparator;
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
 * {@code ent_list} keeps surface forms and {@code maaped_ent} canonical names, each once, in order of first appearance
 * ({@link FirstAppearances}).
 */
@Startup
@ApplicationScoped
public class EntityMapper {

    private final Gazetteer gazetteer;
    private final Optional<ChineseNer> ner;
    private final String version;

    public EntityMapper(Gazetteer gazetteer, MapperConfig config) {
        this.gazetteer = gazetteer;
        this.ner = config.nerEnabled() ? Optional.of(new ChineseNer()) : Optional.empty();
        this.version = "reference-" + gazetteer.digest() + (ner.isPresent() ? "-ner" : "");
        Log.infof(
                "entity mapper ready: gazetteer of %d patterns, Chinese NER %s, version %s",
                gazetteer.size(), ner.isPresent() ? "on" : "off", version);
    }

    /**
     * What its answers come from: the gazetteer's content and whether NER is on. Sent with every answer
     * ({@link io.docmap.common.mapper.MapperPaths#VERSION_HEADER}), stored with every result.
     */
    public String version() {
        return version;
    }

    public MapperResult map(String docId, String text) {
        String body = text == null ? "" : text;
        if (ner.isEmpty()) {
            return mapWith(gazetteer, docId, body);
        }
        FirstAppearances found = new FirstAppearances();
        withNer(body, ner.get()).forEach(found);
        return found.result(docId);
    }

    /**
     * The contract's answer from the gazetteer alone, taking each match as the pass finds it: memory grows with the
     * distinct entities of the text, not with its matches. The in-process limit of the benchmark maps this way too.
     */
    public static MapperResult mapWith(Gazetteer gazetteer, String docId, String text) {
        FirstAppearances found = new FirstAppearances();
        gazetteer.find(text, found);
        return found.result(docId);
    }

    private List<Entity> withNer(String text, ChineseNer recognizer) {
        List<Entity> entities = new ArrayList<>(gazetteer.find(text));
        List<Entity> known = List.copyOf(entities);
        recognizer.find(text).stream()
                .map(span -> {
                    String surface = text.substring(span.start(), span.end());
                    return new Entity(span.start(), span.end(), surface, gazetteer.canonicalOf(surface));
                })
                .filter(candidate -> known.stream().noneMatch(candidate::overlaps))
                .forEach(entities::add);
        entities.sort(Comparator.comparingInt(Entity::start));
        return entities;
    }
}
