package io.docmap.dispatcher.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the round's rehearsal has ended, well or not ({@link RoundRehearsal}): a dispatcher that took work
 * before it would record its first pages cold. Its data says how many made-up pages were recorded, 0 if the
 * rehearsal failed, -1 while it runs.
 */
@Readiness
@ApplicationScoped
public class RehearsalCheck implements HealthCheck {

    private final RoundRehearsal rehearsal;

    public RehearsalCheck(RoundRehearsal rehearsal) {
        this.rehearsal = rehearsal;
    }

    @Override
    public HealthCheckResponse call() {
        int pages = rehearsal.rehearsedPages();
        return HealthCheckResponse.named("dispatch round rehearsal")
                .status(pages >= 0)
                .withData("pages", pages)
                .build();
    }
}
