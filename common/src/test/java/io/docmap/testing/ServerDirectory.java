package io.docmap.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A temporary directory for a server a test starts for itself: its data, its log, and a TLS certificate for 127.0.0.1
 * signed by a CA made for it ({@code ca.pem}; {@code server.pem} and its key {@code server.key}), with the commands
 * that make and run them.
 */
final class ServerDirectory implements AutoCloseable {

    private final Path dir;
    private Process server;

    ServerDirectory(String prefix) {
        try {
            this.dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for a test server", e);
        }
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Makes the CA and the server's certificate for 127.0.0.1 (and localhost), with openssl. */
    ServerDirectory certificates() throws IOException {
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
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
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
        return this;
    }

    /** Starts the server process, its output to {@code log}; {@link #close()} stops it. */
    void start(String log, String... command) throws IOException {
        server = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

    /** Runs a command to its end in this directory and returns what it printed; fails the test if it fails. */
    String run(String... command) {
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
                    "cannot run " + command[0] + " (the secured connection tests need openssl"
                            + " and MariaDB's server binaries; ./docmap test installs them)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", line), e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server, then deletes the directory. */
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
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
