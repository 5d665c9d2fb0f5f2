package io.docmap.dispatcher.persistence.leader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import io.quarkus.logging.Log;

/**
 * The database's named lock {@code docmap.dispatcher:<database>}, on a JDBC connection of its own: the lock is the
 * connection's, so the database releases it when the connection closes. One thread uses it.
 *
 * <p>A leader's node can vanish, or freeze, without closing its connection; the server would keep the session, and the
 * lock, until TCP keepalive (about 2 h) or the default {@code wait_timeout} (8 h) ended it. So the session's
 * {@code wait_timeout} is {@link #IDLE_RELEASE}: a leader confirms its lock every second, and a session idle that long
 * belongs to a leader that is gone, which the server then drops, freeing the lock. The socket times out after
 * {@link #SOCKET_TIMEOUT}, so that a check on a connection that hangs fails instead of waiting.
 */
public final class DispatcherLock implements AutoCloseable {

    /** How long the server keeps an idle lock session: the bound on taking over from a vanished leader. */
    public static final Duration IDLE_RELEASE = Duration.ofSeconds(10);

    /** How long a check may wait for the server's answer. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

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
            connection = open();
        }
        String test = held ? "IS_USED_LOCK(" + NAME + ") = CONNECTION_ID()" : "GET_LOCK(" + NAME + ", 0)";
        try (PreparedStatement query = connection.prepareStatement("SELECT " + test);
                ResultSet result = query.executeQuery()) {
            return result.next() && result.getInt(1) == 1;
        }
    }

    /**
     * Counts the leadership epoch up for {@code holder}, who just took the lock, and returns it: the rounds of any
     * leader before it are fenced off from then on ({@link LeaderFence}).
     *
     * <p>Native: on the lock's own JDBC connection, in its own transaction, before any round of this leader.
     */
    public long takeEpoch(String holder) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement(
                "UPDATE dispatch_leader SET epoch = epoch + 1, holder = ?, since = UTC_TIMESTAMP(3) WHERE name = ?")) {
            next.setString(1, holder);
            next.setString(2, LeaderFence.NAME);
            next.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement("SELECT epoch FROM dispatch_leader WHERE name = ?")) {
            read.setString(1, LeaderFence.NAME);
            try (ResultSet epoch = read.executeQuery()) {
                if (!epoch.next()) {
                    throw new SQLException("dispatch_leader has no row '" + LeaderFence.NAME + "'");
                }
                return epoch.getLong(1);
            }
        }
    }

    /** Native: the session's own wait_timeout, on the lock's JDBC connection. */
    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.put("user", user);
        properties.put("password", password);
        properties.put("connectTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()));
        properties.put("socketTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()));
        Connection opened = DriverManager.getConnection(url, properties);
        try (Statement session = opened.createStatement()) {
            session.execute("SET SESSION wait_timeout = " + IDLE_RELEASE.toSeconds());
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        return opened;
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
