package io.docmap.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The services' datasource settings, built from {@code DOCMAP_DB_*} by {@link DatabaseSettings}: the reactive pool's
 * URL, credentials and TLS, and {@value #JDBC_URL}, which the dispatcher's JDBC datasource (Flyway, counts) and its
 * leader lock use. Its ordinal is just below application.properties', so a {@code quarkus.datasource.*} setting given
 * anywhere else still wins.
 */
public final class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** The JDBC URL with every option of {@link DatabaseSettings#jdbcUrl()}. */
    public static final String JDBC_URL = "docmap.db.jdbc-url";

    static final int ORDINAL = 245;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        DatabaseSettings settings = DatabaseSettings.from(name -> {
            ConfigValue value = context.getValue(name);
            return value == null ? null : value.getValue();
        });
        return List.of(
                new PropertiesConfigSource(properties(settings), "docmap database settings (DOCMAP_DB_*)", ORDINAL));
    }

    static Map<String, String> properties(DatabaseSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>(settings.reactivePool());
        properties.put("quarkus.datasource.username", settings.user());
        properties.put("quarkus.datasource.password", settings.password());
        properties.put(JDBC_URL, settings.jdbcUrl());
        return properties;
    }
}
