package io.docmap.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Inserts rows into {@code source_data} over plain JDBC, as the users' own systems do. */
public final class SourceRows {

    private SourceRows() {}

    /** Inserts {@code count} rows with mids {@code prefix-0…} and texts from {@code text}; returns their ids. */
    public static List<Long> insert(Connection connection, String prefix, int count, IntFunction<String> text)
            throws SQLException {
        // The rows commit together, as one transaction, unless the caller holds one open: the driver sends a batch
        // with generated keys as single inserts, and a dispatch round that saw some of them would cut a page short.
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Long> ids = insertRows(connection, prefix, count, text);
            if (autoCommit) {
                connection.commit();
            }
            return ids;
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<Long> insertRows(Connection connection, String prefix, int count, IntFunction<String> text)
            throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO source_data (mid, content, created) VALUES (?, ?, '2026-11-28')",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, prefix + "-" + i);
                insert.setString(2, text.apply(i));
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    public static long count(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
