package io.docmap.worker.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;

/**
 * Writes a result's lists in the configured {@link ListFormat}, and says when they do not fit the list columns. The
 * comma format is refused at start-up on a table that checks its lists are JSON, as docmap's own schema does: every
 * result would fail to store, again and again.
 */
@Startup
@Singleton
public class ListWriter {

    /** The CHECK constraints of doc_ent_map, found the same way on MariaDB and MySQL. */
    static final String CHECKS =
            """
            SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
            AND TABLE_NAME = 'doc_ent_map' AND CONSTRAINT_TYPE = 'CHECK'""";

    /** The bytes the narrower of doc_ent_map's two list columns holds. */
    static final String CAPACITY =
            """
            SELECT MIN(CHARACTER_OCTET_LENGTH) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
            AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME IN ('ent_list_str', 'mapped_list_str')""";

    private final ListFormat format;
    private final ObjectMapper json;
    private final long capacity;

    public ListWriter(StoreConfig config, ObjectMapper json, DataSource database) throws SQLException {
        this.format = config.listFormat();
        this.json = json;
        try (Connection connection = database.getConnection()) {
            if (format == ListFormat.COMMA) {
                refuseCommaOnChecks(connection);
            }
            this.capacity = capacity(connection);
        }
    }

    private static long capacity(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(CAPACITY)) {
            rs.next();
            long bytes = rs.getLong(1);
            return rs.wasNull() ? Long.MAX_VALUE : bytes;
        }
    }

    private static void refuseCommaOnChecks(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(CHECKS)) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException("docmap.store.list-format is comma, but doc_ent_map checks its"
                        + " columns (docmap's schema requires JSON lists): no comma-joined list could be stored."
                        + " Use json, or point docmap at the old pipeline's table.");
            }
        }
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
