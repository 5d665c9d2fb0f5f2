package io.docmap.dispatcher.persistence.entities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The canonical names a stored list holds, each once: a JSON array, or the old pipeline's comma-joined format
 * ({@code docmap.store.list-format=comma}). A name longer than the counts' column is counted by its first
 * {@link #LONGEST} characters.
 */
final class EntityNames {

    /** entity_count.name's width. */
    static final int LONGEST = 255;

    /** Counts the documents that name no entity. */
    static final String NONE = "";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private EntityNames() {}

    /** The names, or {@link #NONE} alone for a list that names none. */
    static Set<String> of(String list) {
        List<String> names = new ArrayList<>();
        String trimmed = list == null ? "" : list.trim();
        if (trimmed.startsWith("[")) {
            try {
                for (JsonNode name : JSON.readTree(trimmed)) {
                    names.add(name.asText());
                }
            } catch (JsonProcessingException e) {
                // Cut short where it was read (a list longer than a read takes): the names it holds up to there.
                Matcher quoted = QUOTED.matcher(trimmed);
                while (quoted.find()) {
                    names.add(quoted.group(1).replace("\\\"", "\""));
                }
            }
        } else if (!trimmed.isEmpty()) {
            names.addAll(List.of(trimmed.split(",")));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (!name.isBlank()) {
                distinct.add(name.length() > LONGEST ? name.substring(0, LONGEST) : name);
            }
        }
        return distinct.isEmpty() ? Set.of(NONE) : distinct;
    }
}
