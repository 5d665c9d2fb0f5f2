package io.docmap.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    private Path dir;
    private Process server;
    private int port;

    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("docmap-tls-db");
            makeCertificates();
            port = freePort();
            run(
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    user(),
                    "--auth-root-authentication-method=normal");
            server = new ProcessBuilder(
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
                            "--ssl-key=" + dir.resolve("server.key"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mariadb.log").toFile())
                    .start();
            run("mariadb-admin", "--no-defaults", "--socket=" + socket(), "--user=root", "--wait=60", "ping");
            run(
                    "mariadb",
                    "--no-defaults",
                    "--socket=" + socket(),
                    "--user=root",
                    "-e",
                    "CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
                            + " CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "' REQUIRE SSL;"
                            + " GRANT ALL ON " + NAME + ".* TO '" + USER + "'@'localhost';");
            return env();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a TLS-only database server in " + dir, e);
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
        return run("mariadb", "--no-defaults", "--socket=" + socket(), "--user=root", "-N", "-e", sql);
    }

    @Override
    public void close() {
        if (server != null) {
            server.destroy();
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }

    private void makeCertificates() throws IOException {
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=docmap test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem");
        run(
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "server.ext",
                "-out",
                "server.pem");
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String run(String... command) {
        List<String> line = List.of(command);
        try {
            Process process = new ProcessBuilder(line)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", line) + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot run " + command[0] + " (the TLS test needs openssl and MariaDB's"
                            + " server binaries; ./docmap test installs them)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", line), e);
        }
    }
}
