package io.docmap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A database server of its own that accepts TLS connections only ({@code require_secure_transport}), with a
 * certificate for 127.0.0.1 from a CA made for it: a connection that does not use the TLS settings of
 * {@code DOCMAP_DB_*} is refused. {@link #start()} gives those settings, as the environment a service or the admin tool
 * reads ({@code DOCMAP_DB_TLS=verify-full} with the CA). It runs the local MariaDB's binaries, in a temporary
 * directory, on a free port. {@link SecuredDatabaseResource} gives it to a Quarkus test.
 */
public final class SecuredDatabase implements AutoCloseable {

    public static final String NAME = "docmap_tls";
    public static final String USER = "docmap_tls";
    public static final String PASSWORD = "docmap-tls";

    private ServerDirectory dir;
    private int port;

    public Map<String, String> start() {
        dir = new ServerDirectory("docmap-tls-db");
        try {
            dir.certificates();
            port = ServerDirectory.freePort();
            dir.run(
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    user(),
                    "--auth-root-authentication-method=normal");
            dir.start(
                    "mariadb.log",
                    mariadbd(),
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    user(),
                    "--bind-address=127.0.0.1",
                    "--port=" + port,
                    "--socket=" + socket(),
                    "--pid-file=" + dir.resolve("mariadb.pid"),
                    "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_bin",
                    "--require-secure-transport=ON",
                    "--ssl-ca=" + dir.resolve("ca.pem"),
                    "--ssl-cert=" + dir.resolve("server.pem"),
                    "--ssl-key=" + dir.resolve("server.key"));
            dir.run("mariadb-admin", "--no-defaults", "--socket=" + socket(), "--user=root", "--wait=60", "ping");
            rootQuery("CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
                    + " CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL;"
                    + " GRANT ALL ON " + NAME + ".* TO '" + USER + "'@'localhost';");
            return env();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a TLS-only database server", e);
        }
    }

    /** The settings that reach this server: TLS verified against its CA, for the host name 127.0.0.1. */
    public Map<String, String> env() {
        return Map.of(
                "DOCMAP_DB_HOST",
                "127.0.0.1",
                "DOCMAP_DB_PORT",
                String.valueOf(port),
                "DOCMAP_DB_NAME",
                NAME,
                "DOCMAP_DB_USER",
                USER,
                "DOCMAP_DB_PASSWORD",
                PASSWORD,
                "DOCMAP_DB_TLS",
                "verify-full",
                "DOCMAP_DB_TLS_CA",
                dir.resolve("ca.pem").toString());
    }

    /** Runs SQL as the server's root, over its socket, and returns what it printed (tab-separated, no headers). */
    public String rootQuery(String sql) {
        return dir.run("mariadb", "--no-defaults", "--socket=" + socket(), "--user=root", "-N", "-e", sql);
    }

    @Override
    public void close() {
        if (dir != null) {
            dir.close();
        }
    }

    private String socket() {
        return dir.resolve("mariadb.sock").toString();
    }

    /** mariadbd runs as root only when told to; elsewhere the flag is harmless. */
    private static String user() {
        return "--user=" + System.getProperty("user.name");
    }

    private static String mariadbd() {
        return Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? "/usr/sbin/mariadbd" : "mariadbd";
    }
}
