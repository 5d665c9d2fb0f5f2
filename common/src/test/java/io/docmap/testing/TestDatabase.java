package io.docmap.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

import io.docmap.common.schema.AdoptionGuard;

/** A fresh, empty database on the local server, so that test classes never see each other's rows. */
public record TestDatabase(String host, int port, String user, String password, String name) implements AutoCloseable {

    public static TestDatabase create() {
        Properties env = LocalInfra.database();
        TestDatabase db = new TestDatabase(
                env.getProperty("DOCMAP_DB_HOST"),
                Integer.parseInt(env.getProperty("DOCMAP_DB_PORT")),
                env.getProperty("DOCMAP_DB_USER"),
                env.getProperty("DOCMAP_DB_PASSWORD"),
                "docmap_t_" + UUID.randomUUID().toString().substring(0, 8));
        db.execute("CREATE DATABASE `" + db.name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", false);
        return db;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "mysql://" + host + ":" + port + "/" + name;
    }

    /** Quarkus datasource settings pointing at this database. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.username",
                user,
                "quarkus.datasource.password",
                password,
                "quarkus.datasource.jdbc.url",
                jdbcUrl(),
                "quarkus.datasource.reactive.url",
                reactiveUrl());
    }

    /** The environment that points docmap's commands and services at this database. */
    public Map<String, String> docmapEnv() {
        return Map.of(
                "DOCMAP_DB_HOST", host,
                "DOCMAP_DB_PORT", String.valueOf(port),
                "DOCMAP_DB_NAME", name,
                "DOCMAP_DB_USER", user,
                "DOCMAP_DB_PASSWORD", password);
    }

    public DataSource dataSource() throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Flyway as the dispatcher configures it: adopts an existing schema, behind the adoption guard. */
    public Flyway flyway() throws SQLException {
        return Flyway.configure()
                .dataSource(dataSource())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .callbacks(new AdoptionGuard())
                .load();
    }

    /** Applies docmap's migrations, as the dispatcher does at start; workers wait for them. */
    public TestDatabase migrate() {
        try {
            flyway().migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate the test database " + name, e);
        }
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Drops the database. */
    @Override
    public void close() {
        drop();
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS `" + name + "`", false);
    }

    private void execute(String sql, boolean inDatabase) {
        String url = inDatabase ? jdbcUrl() : "jdbc:mariadb://" + host + ":" + port + "/";
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test database server", e);
        }
    }
}
