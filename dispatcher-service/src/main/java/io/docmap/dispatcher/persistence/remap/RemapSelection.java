package io.docmap.dispatcher.persistence.remap;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which stored results a re-map maps again: those matching every criterion given. {@code mapperVersion} takes the
 * results of that version and of every version first seen before it, and those of an unknown version (stored before
 * versions were recorded, or by a mapper that names none); {@code versions} is what it resolved to when the re-map
 * was asked, so that the selection does not move while it runs.
 *
 * @param mapperVersion this version or older
 * @param fromId source ids from this one
 * @param toId source ids up to this one
 * @param docIds these documents
 * @param entity results that name this entity, or this canonical name
 * @param versions the known versions {@code mapperVersion} selects
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemapSelection(
        String mapperVersion, Long fromId, Long toId, List<String> docIds, String entity, List<String> versions) {

    /** The version that names the results of no known version. */
    public static final String UNKNOWN_VERSION = "unknown";

    public RemapSelection withVersions(List<String> resolved) {
        return new RemapSelection(mapperVersion, fromId, toId, docIds, entity, List.copyOf(resolved));
    }

    /**
     * The selection's condition on a source row {@code s} and its result {@code m}, its parameters numbered after
     * those already in {@code params}, to which it adds them. A list in the old comma format is searched as one.
     */
    String condition(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (fromId != null) {
            conditions.add("s.id >= " + parameter(params, fromId));
        }
        if (toId != null) {
            conditions.add("s.id <= " + parameter(params, toId));
        }
        if (docIds != null) {
            conditions.add("m.doc_id IN (" + parameters(params, docIds) + ")");
        }
        if (entity != null) {
            conditions.add("(" + names("m.ent_list_str", params) + " OR " + names("m.mapped_list_str", params) + ")");
        }
        if (mapperVersion != null) {
            conditions.add(
                    versions.isEmpty()
                            ? "m.mapper_version IS NULL"
                            : "(m.mapper_version IS NULL OR m.mapper_version IN (" + parameters(params, versions)
                                    + "))");
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    private String names(String list, List<Object> params) {
        return "CASE WHEN JSON_VALID(" + list + ") THEN JSON_CONTAINS(" + list + ", JSON_QUOTE("
                + parameter(params, entity) + ")) ELSE FIND_IN_SET(" + parameter(params, entity) + ", " + list
                + ") > 0 END";
    }

    private static String parameters(List<Object> params, List<?> values) {
        List<String> numbered = new ArrayList<>(values.size());
        for (Object value : values) {
            numbered.add(parameter(params, value));
        }
        return String.join(", ", numbered);
    }

    private static String parameter(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }
}
