package io.docmap.worker.persistence.schema;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the worker waits for docmap's schema, and the response says what it waits for. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    private final Schema schema;

    public SchemaReadiness(Schema schema) {
        this.schema = schema;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("docmap schema");
        return schema.waitingFor()
                .map(reason -> response.down().withData("waiting for", reason))
                .orElseGet(response::up)
                .build();
    }
}
