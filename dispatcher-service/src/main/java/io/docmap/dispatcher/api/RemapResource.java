package io.docmap.dispatcher.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.docmap.dispatcher.control.Access;
import io.docmap.dispatcher.control.CredentialFilter;
import io.docmap.dispatcher.control.Guarded;
import io.docmap.dispatcher.persistence.remap.Remap;
import io.docmap.dispatcher.persistence.remap.RemapRepository;
import io.docmap.dispatcher.persistence.remap.RemapState;
import io.docmap.dispatcher.persistence.remap.RemapView;

/**
 * Re-maps: documents handed back to the pipeline by a selection of their results, one re-map at a time. The leading
 * dispatcher sends its pages into the room the run's new rows leave; each document keeps its result until the new one
 * replaces it.
 */
@Path("/api/remap")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "remap", description = "Map stored results again, by selection")
public class RemapResource {

    private final RemapRepository remaps;

    public RemapResource(RemapRepository remaps) {
        this.remaps = remaps;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Start a re-map of the results that match every criterion given; 409 while one is open")
    public Uni<RemapView> start(
            @NotNull(message = "give a body with at least one of mapperVersion, fromId, toId, docIds, entity") @Valid
                    RemapRequest request,
            @Context ContainerRequestContext context) {
        String who = (String) context.getProperty(CredentialFilter.OPERATOR);
        return remaps.start(request.selection(), who)
                .invoke(remap -> Log.infof(
                        "control: re-map %d of %s by %s: %,d documents selected",
                        remap.remapId, request.selection(), who, remap.selected))
                .chain(this::view);
    }

    @GET
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "The newest re-map's progress: selected, sent, done, pending, rate")
    public Uni<RemapView> latest() {
        return Panache.withSession(() -> remaps.latest().chain(remap -> {
            if (remap == null) {
                throw new NotFoundException("no re-map has been asked for");
            }
            return remaps.view(remap);
        }));
    }

    @POST
    @Path("/pause")
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Stop sending the re-map's pages; those sent still finish")
    public Uni<RemapView> pause(@Context ContainerRequestContext context) {
        return change(RemapState.PAUSED, context);
    }

    @POST
    @Path("/resume")
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Send the paused re-map's pages again")
    public Uni<RemapView> resume(@Context ContainerRequestContext context) {
        return change(RemapState.RUNNING, context);
    }

    @POST
    @Path("/cancel")
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "End the re-map: nothing more is sent, those sent still finish")
    public Uni<RemapView> cancel(@Context ContainerRequestContext context) {
        return change(RemapState.CANCELLED, context);
    }

    private Uni<RemapView> change(RemapState to, ContainerRequestContext context) {
        return remaps.change(to).chain(remap -> {
            if (remap == null) {
                throw new NoOpenRemapException();
            }
            Log.infof(
                    "control: re-map %d %s by %s",
                    remap.remapId, to.name().toLowerCase(), context.getProperty(CredentialFilter.OPERATOR));
            return view(remap);
        });
    }

    private Uni<RemapView> view(Remap remap) {
        return Panache.withSession(() -> remaps.view(remap));
    }

    /** A pause, resume or cancel with no re-map running or paused. */
    static class NoOpenRemapException extends RuntimeException {
        NoOpenRemapException() {
            super("no re-map is running or paused");
        }
    }
}
