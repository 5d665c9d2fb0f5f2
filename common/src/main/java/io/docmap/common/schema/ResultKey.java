package io.docmap.common.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether docmap's upsert is safe on {@code doc_ent_map}: {@code INSERT … ON DUPLICATE KEY UPDATE} replaces a
 * document's result only if {@code doc_id} has a unique key, and only that one, since it matches any unique key.
 * The old pipeline's table has a plain index there, so every result stored again would be a row more.
 */
public final class ResultKey {

    private static final String TABLE_EXISTS =
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'doc_ent_map'";

    private ResultKey() {}

    /** What makes the upsert unsafe on this database's {@code doc_ent_map}, or null when it is safe or not there yet. */
    public static String problem(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(TABLE_EXISTS)) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return null;
                }
            }
        }
        boolean docIdUnique = false;
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, String> key :
                UniqueKeys.of(connection, "doc_ent_map").entrySet()) {
            if ("doc_id".equalsIgnoreCase(key.getValue())) {
                docIdUnique = true;
            } else {
                others.add(key.getKey() + " (" + key.getValue() + ")");
            }
        }
        if (!docIdUnique) {
            return "doc_ent_map.doc_id has no unique key, so each result stored again would add a row";
        }
        return others.isEmpty()
                ? null
                : "doc_ent_map has unique keys besides doc_id's, which the upsert could match instead: " + others;
    }
}
