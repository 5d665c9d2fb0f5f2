package io.docmap.dispatcher.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.docmap.dispatcher.control.Access;
import io.docmap.dispatcher.control.Guarded;
import io.docmap.dispatcher.persistence.entities.EntitiesView;
import io.docmap.dispatcher.persistence.entities.EntityCounts;
import io.docmap.dispatcher.progress.OutageException;

/** What the results name, from counts the leading dispatcher keeps as results are stored. */
@Path("/api/entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "entities", description = "What the stored results name")
public class EntityResource {

    private static final String LIMIT = "must be a whole number from 1 to " + ApiLimits.MAX_ITEMS;

    private final EntityCounts counts;

    public EntityResource(EntityCounts counts) {
        this.counts = counts;
    }

    @GET
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Top canonical names by documents, documents with none, and what re-maps changed")
    public Uni<EntitiesView> entities(
            // A String, as the failures' limit is.
            @Parameter(description = "names shown, 1 to " + ApiLimits.MAX_ITEMS)
                    @QueryParam("limit")
                    @DefaultValue("20")
                    @Min(value = 1, message = LIMIT)
                    @Max(value = ApiLimits.MAX_ITEMS, message = LIMIT)
                    String limit) {
        return counts.view(Integer.parseInt(limit)).onFailure().transform(OutageException::new);
    }
}
