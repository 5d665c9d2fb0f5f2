package io.docmap.dispatcher.workers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.docmap.dispatcher.control.Access;
import io.docmap.dispatcher.control.Guarded;

/** The workers of a run, for the status page's workers panel. */
@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "run")
public class WorkersResource {

    private final WorkersService workers;

    public WorkersResource(WorkersService workers) {
        this.workers = workers;
    }

    @GET
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "The workers' consumer group: members, their partitions, pages held, rate and lag")
    public Uni<Workers> workers() {
        return workers.current();
    }
}
