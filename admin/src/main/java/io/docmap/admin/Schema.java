package io.docmap.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** What information_schema says of the tables docmap uses, in the connection's database. */
final class Schema {

    /** A column's type, nullability and character set. */
    record Column(String type, boolean nullable, Integer maxLength, String charset, String collation) {}

    private final Connection connection;

    Schema(Connection connection) {
        this.connection = connection;
    }

    boolean hasTable(String table) throws SQLException {
        return Sql.number(
                        connection,
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                        table)
                > 0;
    }

    Optional<Column> column(String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                """
                SELECT COLUMN_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_SET_NAME, COLLATION_NAME
                FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?""")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long length = rs.getLong(3);
                return Optional.of(new Column(
                        rs.getString(1),
                        "YES".equals(rs.getString(2)),
                        rs.wasNull() ? null : (int) Math.min(length, Integer.MAX_VALUE),
                        rs.getString(4),
                        rs.getString(5)));
            }
        }
    }

    /** Whether an index of the table starts with the column. */
    boolean isIndexed(String table, String column) throws SQLException {
        return Sql.number(
                        connection,
                        """
                        SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
                        AND TABLE_NAME = ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1""",
                        table,
                        column)
                > 0;
    }
}
