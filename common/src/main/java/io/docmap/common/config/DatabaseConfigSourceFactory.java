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
 * The services' datasource settings, built from {@code DOCMAP_DB_*} by {@link DatabaseSettings}, as {@code docmap.db.*}:
 * docmap-pipeline.properties hands them to the reactive pool, and the dispatcher's application.properties hands
 * {@value #JDBC_URL} to its JDBC datasource (Flyway, counts), which its leader lock reads too. The dispatcher and the
 * worker register it (META-INF/services); the mapper, which has no database, does not, and so never refuses a
 * {@code DOCMAP_DB_*} setting it would not use.
 */
public final class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** The JDBC URL with every option of {@link DatabaseSettings#jdbcUrl()}. */
    public static final String JDBC_URL = "docmap.db.jdbc-url";

    /** Below every source a user sets: only these keys are here, and nothing else should set them. */
    static final int ORDINAL = 100;

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
        Map<String, String> properties = new LinkedHashMap<>(settings.reactiveTls());
        properties.put("docmap.db.user", settings.user());
        properties.put("docmap.db.password", settings.password());
        properties.put("docmap.db.reactive-url", settings.reactiveUrl());
        properties.put(JDBC_URL, settings.jdbcUrl());
        return properties;
    }
}
