package io.docmap.worker.persistence.outcomes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.worker.persistence.schema.Schema;
import io.docmap.worker.persistence.schema.SchemaFacts;

/**
 * Writes a result's lists in the configured {@link ListFormat}, and says when they do not fit the list columns. The
 * comma format is refused at start-up on a table that checks its lists are JSON, as docmap's own schema does: every
 * result would fail to store, again and again ({@link Schema} stops the worker).
 */
@ApplicationScoped
public class ListWriter {

    private final ListFormat format;
    private final ObjectMapper json;
    private final Supplier<SchemaFacts> schema;

    @Inject
    public ListWriter(StoreConfig config, ObjectMapper json, Schema schema) {
        this(config.listFormat(), json, schema::facts);
    }

    ListWriter(ListFormat format, ObjectMapper json, Supplier<SchemaFacts> schema) {
        this.format = format;
        this.json = json;
        this.schema = schema;
    }

    /** Why the format cannot be used on a schema, or null when it can. */
    public static String refusal(ListFormat format, SchemaFacts facts) {
        if (format == ListFormat.COMMA && facts.listsChecked()) {
            return "docmap.store.list-format is comma, but doc_ent_map checks its columns (docmap's schema requires"
                    + " JSON lists): no comma-joined list could be stored. Use json, or point docmap at the old"
                    + " pipeline's table.";
        }
        return null;
    }

    public String write(List<String> names) {
        if (format == ListFormat.COMMA && commaJoinable(names)) {
            return String.join(",", names);
        }
        try {
            return json.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    /**
     * Why written lists cannot be stored, or null when they fit. Strict SQL mode refuses a value longer than its column,
     * which would fail the whole page again and again: the document fails alone instead.
     */
    public String unstorable(String... lists) {
        long capacity = schema.get().listCapacity();
        long statement = schema.get().statementBytes();
        long all = 0;
        for (String list : lists) {
            all += SqlRows.bytesAtMost(list);
        }
        if (all > statement) {
            all = 0;
            for (String list : lists) {
                all += list.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (all > statement) {
            return "the mapped lists take " + all + " bytes, more than one statement may carry (the server's"
                    + " max_allowed_packet, " + schema.get().maxAllowedPacket() + " bytes): raise it on the server";
        }
        for (String list : lists) {
            // A char takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2): most lists need no encoding to tell.
            if (3L * list.length() <= capacity) {
                continue;
            }
            long bytes = list.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > capacity) {
                return "the mapped list takes " + bytes + " bytes, and doc_ent_map's list columns hold " + capacity
                        + ": make them LONGTEXT (./docmap check says how)";
            }
        }
        return null;
    }

    private static boolean commaJoinable(List<String> names) {
        return names.stream().noneMatch(name -> name.contains(","))
                && (names.isEmpty() || !names.get(0).startsWith("["));
    }
}
