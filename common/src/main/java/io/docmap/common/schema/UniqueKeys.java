package io.docmap.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The unique keys of a table of the connection's database, besides its primary key. */
public final class UniqueKeys {

    private static final String QUERY =
            """
            SELECT INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'
            GROUP BY INDEX_NAME ORDER BY INDEX_NAME""";

    private UniqueKeys() {}

    /** Each unique key by name, as its columns in order, joined by commas; empty when the table is not there. */
    public static Map<String, String> of(Connection connection, String table) throws SQLException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return keys;
    }

    /** Whether the column has a unique key of its own: no two rows can hold the same value. */
    public static boolean isUnique(Connection connection, String table, String column) throws SQLException {
        return of(connection, table).values().stream().anyMatch(column::equalsIgnoreCase);
    }
}
