package io.docmap.common.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether docmap's upsert is safe on {@code doc_ent_map}: {@code INSERT … ON DUPLICATE KEY UPDATE} replaces a
 * document's result only if {@code doc_id} has a unique key, and only that one, since it matches any unique key.
 * The old pipeline's table has a plain index there, so every result stored again would be a row more.
 */
public final class ResultKey {

    private static final String TABLE_EXISTS =
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'doc_ent_map'";

    private static final String UNIQUE_KEYS =
            """
            SELECT INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'doc_ent_map' AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'
            GROUP BY INDEX_NAME ORDER BY INDEX_NAME""";

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
            boolean docIdUnique = false;
            List<String> others = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(UNIQUE_KEYS)) {
                while (rs.next()) {
                    if ("doc_id".equalsIgnoreCase(rs.getString(2))) {
                        docIdUnique = true;
                    } else {
                        others.add(rs.getString(1) + " (" + rs.getString(2) + ")");
                    }
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
}
