package io.docmap.harness;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.docmap.common.Names;
import io.docmap.harness.Pipeline.DatabaseSettings;

/**
 * A database of a run's own, next to the one {@code docmap infra} set up (the benchmark's, the autoscaling proof's):
 * created empty for each run, with the services' schema applied from their migrations, so that documents can be loaded
 * before any service starts.
 */
public final class ScratchDatabase {

    private final String name;

    private final DatabaseSettings infra;
    private final DatabaseSettings bench;

    /** A database of this name on the server {@code infra} names. */
    public ScratchDatabase(DatabaseSettings infra, String name) {
        this.infra = infra;
        this.name = name;
        this.bench = new DatabaseSettings(infra.host(), infra.port(), name, infra.user(), infra.password());
    }

    public DatabaseSettings settings() {
        return bench;
    }

    public PipelineDatabase pipelineDatabase() {
        return new PipelineDatabase(bench.jdbcUrl(), bench.user(), bench.password());
    }

    /** Drops and creates the database, then runs every migration of the services, in version order. */
    public void recreate() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.user(), infra.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        try (Connection c = DriverManager.getConnection(
                        bench.jdbcUrl() + "?allowMultiQueries=true", bench.user(), bench.password());
                Statement s = c.createStatement()) {
            for (String migration : migrations()) {
                s.execute(migration);
            }
        }
    }

    /** Pauses or resumes dispatch, as an operator would through the API, in the table the dispatcher reads. */
    public void setDispatchPaused(boolean paused) throws SQLException {
        execute("UPDATE dispatch_control SET paused = " + paused
                + ", changed_by = 'benchmark' WHERE name = 'dispatch'");
    }

    /** Empties the result table, for a second run on the same documents. */
    public void clearResults() throws SQLException {
        execute("TRUNCATE TABLE doc_ent_map");
    }

    /** The server's global status counters of the given names, server-wide, as they stand now. */
    public Map<String, Long> status(Collection<String> names) throws SQLException {
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS")) {
            while (rs.next()) {
                if (names.contains(rs.getString(1))) {
                    counters.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counters;
    }

    /** Rows in a table of this database. */
    public long count(String table) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(bench.jdbcUrl(), bench.user(), bench.password());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The texts of common's db/migration/V*.sql, ordered by version, read from its jar or its classes folder. */
    private static List<String> migrations() throws IOException {
        Path location;
        try {
            location = Path.of(Names.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the migrations", e);
        }
        if (Files.isDirectory(location)) {
            return read(location.resolve("db/migration"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return read(jar.getPath("db/migration"));
        }
    }

    private static List<String> read(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ordered = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(ScratchDatabase::version))
                    .toList();
            if (ordered.isEmpty()) {
                throw new IllegalStateException("no migrations in " + dir);
            }
            List<String> texts = new ArrayList<>();
            for (Path file : ordered) {
                texts.add(Files.readString(file));
            }
            return texts;
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
