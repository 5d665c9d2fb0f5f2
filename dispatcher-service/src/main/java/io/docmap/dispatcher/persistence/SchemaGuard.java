package io.docmap.dispatcher.persistence;

import jakarta.inject.Singleton;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.docmap.common.schema.AdoptionGuard;

/** Flyway refuses to baseline or migrate a database on which docmap would duplicate results. */
@Singleton
public class SchemaGuard implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new AdoptionGuard());
    }
}
