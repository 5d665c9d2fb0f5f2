package io.docmap.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import io.smallrye.mutiny.Uni;

/** One-line SQL for test assertions and set-up. */
public final class Sql {

    private Sql() {}

    /** The first column of the first row, as a number: a count, an id, a cursor. */
    public static long number(DataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SourceRows.count(c, sql, params);
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    public static String text(DataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A statement run when a {@code UniAsserter} chain reaches it, after the steps before it. */
    public static Uni<Void> inTurn(DataSource db, String sql) {
        return inTurn(sql, () -> {
            execute(db, sql);
            return null;
        });
    }

    /** {@link #number}, read when a {@code UniAsserter} chain reaches it. */
    public static Uni<Long> numberInTurn(DataSource db, String sql) {
        return inTurn(sql, () -> number(db, sql));
    }

    /** {@link #text}, read when a {@code UniAsserter} chain reaches it. */
    public static Uni<String> textInTurn(DataSource db, String sql) {
        return inTurn(sql, () -> text(db, sql));
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> Uni<T> inTurn(String sql, Query<T> query) {
        return Uni.createFrom().item(() -> {
            try {
                return query.run();
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        });
    }
}
