package io.docmap.common.schema;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.docmap.testing.Sql;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration runs again on the schema it made: the tables exist, and Flyway has no history of them, as on a
 * database that another tool (the benchmark's scratch database, a restore without the history table) set up. Flyway
 * baselines it at version 0 and runs every migration from V1.
 */
class MigrationsTest {

    @Test
    void everyMigrationRunsAgainOnTheSchemaItMadeWithoutItsHistory() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            try (Connection c = DriverManager.getConnection(
                            db.jdbcUrl() + "?allowMultiQueries=true", db.user(), db.password());
                    Statement s = c.createStatement()) {
                for (Path migration : migrations()) {
                    s.execute(Files.readString(migration));
                }
            }

            db.migrate();

            assertThat(Sql.number(
                            db.dataSource(),
                            "SELECT MAX(CAST(version AS UNSIGNED)) FROM flyway_schema_history WHERE success = 1"))
                    .isEqualTo(SchemaVersion.REQUIRED);
        }
    }

    private static List<Path> migrations() throws URISyntaxException, IOException {
        Path dir = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(MigrationsTest::version))
                    .toList();
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
