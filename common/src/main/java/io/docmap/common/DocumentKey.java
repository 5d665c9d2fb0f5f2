package io.docmap.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Which document a {@code source_data} row belongs to. A usable {@code mid} is the document's id, shared by every row
 * that carries it, as the old pipeline's anti-join meant. A row whose {@code mid} is unusable is a document of its
 * own, keyed {@code source_data.id=<id>}: its failure can be listed and retried like any other, and it never shares
 * an outcome with another row. A {@code mid} that already has that form is unusable too, so that the two kinds of key
 * can never meet.
 *
 * <p>The rules here and in {@link #sql} are the same ones; the database compares with its trailing-space padding,
 * so a {@code mid} of spaces counts as empty on both sides.
 *
 * @param maxLength the longest {@code mid} that fits the {@code doc_id} columns of the result tables, in characters
 */
public record DocumentKey(int maxLength) {

    /** How a row with an unusable {@code mid} is keyed in {@code doc_failure}: this prefix, then the row's id. */
    public static final String SOURCE_KEY_PREFIX = "source_data.id=";

    /** The narrower of the two result tables' {@code doc_id} columns, in characters. */
    public static final String MAX_LENGTH_SQL =
            """
            SELECT MIN(CHARACTER_MAXIMUM_LENGTH) FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'doc_id' AND TABLE_NAME IN ('doc_ent_map', 'doc_failure')""";

    /** The longest source-row key: the prefix and the digits of the largest id. */
    private static final int LONGEST_SOURCE_KEY =
            SOURCE_KEY_PREFIX.length() + String.valueOf(Long.MAX_VALUE).length();

    public DocumentKey {
        if (maxLength < LONGEST_SOURCE_KEY) {
            throw new IllegalArgumentException("doc_id columns of " + maxLength
                    + " characters cannot hold a source-row key; they need at least " + LONGEST_SOURCE_KEY);
        }
    }

    /** Reads the width of the schema's {@code doc_id} columns. */
    public static DocumentKey read(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return read(connection);
        }
    }

    /** Reads the width of the {@code doc_id} columns of the connection's database. */
    public static DocumentKey read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(MAX_LENGTH_SQL)) {
            if (!rs.next() || rs.getObject(1) == null) {
                throw new SQLException("the schema has no doc_id column in doc_ent_map or doc_failure");
            }
            return new DocumentKey(rs.getInt(1));
        }
    }

    /** The key of a source row that carries an unusable {@code mid}. */
    public static String sourceKey(long sourceId) {
        return SOURCE_KEY_PREFIX + sourceId;
    }

    /** Why {@code mid} cannot be a document id, or {@code null} when it can. */
    public String unusableReason(String mid) {
        if (mid == null) {
            return "mid is NULL";
        }
        if (mid.chars().allMatch(c -> c == ' ')) {
            return "mid is empty";
        }
        int length = mid.codePointCount(0, mid.length());
        if (length > maxLength) {
            return "mid has " + length + " characters; doc_id holds " + maxLength;
        }
        if (mid.regionMatches(true, 0, SOURCE_KEY_PREFIX, 0, SOURCE_KEY_PREFIX.length())) {
            return "mid starts with " + SOURCE_KEY_PREFIX + ", the form of a source-row key";
        }
        return null;
    }

    /** The document id of a row: its {@code mid} when usable, else its source-row key. */
    public String of(long sourceId, String mid) {
        return unusableReason(mid) == null ? mid : sourceKey(sourceId);
    }

    /** The same as {@link #of} in SQL, for a {@code source_data} row under the given alias. */
    public String sql(String alias) {
        String mid = alias + ".mid";
        return "case when " + unusable(mid) + " then concat('" + SOURCE_KEY_PREFIX + "', " + alias + ".id) else " + mid
                + " end";
    }

    /** In SQL, whether the {@code mid} of a {@code source_data} row under the given alias is usable as a document id. */
    public String usableSql(String alias) {
        return "not (" + unusable(alias + ".mid") + ")";
    }

    private String unusable(String mid) {
        return mid + " is null or " + mid + " = '' or CHAR_LENGTH(" + mid + ") > " + maxLength + " or lower(left(" + mid
                + ", " + SOURCE_KEY_PREFIX.length() + ")) = '" + SOURCE_KEY_PREFIX + "'";
    }
}
