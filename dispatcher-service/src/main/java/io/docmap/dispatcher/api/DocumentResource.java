package io.docmap.dispatcher.api;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.docmap.dispatcher.control.Access;
import io.docmap.dispatcher.control.Guarded;
import io.docmap.dispatcher.persistence.documents.DocumentLookup;
import io.docmap.dispatcher.persistence.documents.DocumentView;

/** One document, by its {@code doc_id}: what docmap stored for it, when, and the pages that carried it. */
@Path("/api/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "run", description = "Progress and control of the mapping run")
public class DocumentResource {

    private final DocumentLookup lookup;
    private final TracingConfig tracing;

    public DocumentResource(DocumentLookup lookup, TracingConfig tracing) {
        this.lookup = lookup;
        this.tracing = tracing;
    }

    @GET
    @Path("/{docId}")
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "A document's source rows, its outcome (result or failure), and the pages that carried it")
    public Uni<DocumentView> document(
            @PathParam("docId") @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String docId) {
        return Panache.withSession(() -> lookup.find(docId))
                .map(found -> found.orElseThrow(
                        () -> new NotFoundException("no source row, result or failure has doc_id '" + docId + "'")))
                .map(view -> tracing.traceUrl().map(view::linkingTraces).orElse(view));
    }
}
