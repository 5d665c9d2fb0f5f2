package io.docmap.dispatcher.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.quarkus.logging.Log;

/**
 * The database's named lock {@code docmap.dispatcher:<database>}, on a JDBC connection of its own: the lock is the
 * connection's, so the database releases it when the connection closes. One thread uses it.
 */
public final class DispatcherLock implements AutoCloseable {

    /** The lock's name, with the database's: lock names are the server's, and one server may hold several runs. */
    private static final String NAME = "LEFT(CONCAT('docmap.dispatcher:', DATABASE()), 64)";

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public DispatcherLock(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Whether this connection holds the lock now: if it held it, whether it still does; else whether it took it, without
     * waiting. A broken connection fails the query, and the caller closes it; the next call opens another.
     *
     * <p>Native: named locks are MariaDB's functions, held by one connection (JDBC here), not by a pooled session.
     */
    public boolean hold(boolean held) throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, user, password);
        }
        String test = held ? "IS_USED_LOCK(" + NAME + ") = CONNECTION_ID()" : "GET_LOCK(" + NAME + ", 0)";
        try (PreparedStatement query = connection.prepareStatement("SELECT " + test);
                ResultSet result = query.executeQuery()) {
            return result.next() && result.getInt(1) == 1;
        }
    }

    /** Lets go of the lock, by closing its connection. */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                Log.debugf("closing the lock connection: %s", e.toString());
            }
            connection = null;
        }
    }
}
