package io.docmap.dispatcher.leadership;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while leading: a dispatcher in standby serves nothing that another does not serve better. */
@Readiness
@ApplicationScoped
public class LeadershipCheck implements HealthCheck {

    private final Leadership leadership;

    public LeadershipCheck(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dispatcher leadership");
        return leadership.leader()
                ? response.up().build()
                : response.down().withData("reason", leadership.standbyReason()).build();
    }
}
