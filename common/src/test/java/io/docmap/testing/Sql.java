package io.docmap.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One-line SQL for test assertions and set-up. */
public final class Sql {

    private Sql() {}

    /** The first column of the first row, as a number: a count, an id, a cursor. */
    public static long number(DataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SourceRows.count(c, sql, params);
        }
    }

    public static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
