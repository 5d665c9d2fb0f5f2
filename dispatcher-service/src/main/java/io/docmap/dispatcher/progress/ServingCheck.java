package io.docmap.dispatcher.progress;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.health.api.HealthGroup;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether this dispatcher can answer its status page and API: it can, while it runs, whatever the database, Kafka or
 * the leadership do. The Service in front of the page is ready on this group ({@code /q/health/group/serving}), so
 * that an outage shows on the page instead of taking the page away; {@code /q/health/ready} still says whether this
 * dispatcher can do the work, and why not.
 */
@HealthGroup(ServingCheck.GROUP)
@ApplicationScoped
public class ServingCheck implements HealthCheck {

    public static final String GROUP = "serving";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("status page and API");
    }
}
