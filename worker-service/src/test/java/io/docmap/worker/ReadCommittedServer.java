package io.docmap.worker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.SourceRows;

/**
 * Makes the local server's default isolation READ COMMITTED, as some servers and managed databases have it, while the
 * test class runs, and restores it after. It needs the server's root, as {@code ./docmap infra} uses it.
 */
public class ReadCommittedServer implements QuarkusTestResourceLifecycleManager {

    private String before;

    @Override
    public Map<String, String> start() {
        try (Connection root = root();
                Statement statement = root.createStatement()) {
            before = text(root, "SELECT @@global.tx_isolation");
            statement.execute("SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the server's default isolation READ COMMITTED as root", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        try (Connection root = root();
                Statement statement = root.createStatement()) {
            statement.execute("SET GLOBAL tx_isolation = '" + before + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the server's default isolation " + before, e);
        }
    }

    /** Transactions of the server waiting for a lock now. */
    static long waitingForALock() {
        try (Connection root = root()) {
            return SourceRows.count(
                    root, "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection root() throws SQLException {
        Properties db = LocalInfra.database();
        return DriverManager.getConnection(
                "jdbc:mariadb://" + db.getProperty("DOCMAP_DB_HOST") + ":" + db.getProperty("DOCMAP_DB_PORT") + "/",
                "root",
                "");
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
