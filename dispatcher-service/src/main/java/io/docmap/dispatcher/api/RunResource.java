package io.docmap.dispatcher.api;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.docmap.dispatcher.control.Access;
import io.docmap.dispatcher.control.CredentialFilter;
import io.docmap.dispatcher.control.Guarded;
import io.docmap.dispatcher.failure.FailureRetry;
import io.docmap.dispatcher.persistence.control.DispatchControl;
import io.docmap.dispatcher.persistence.failures.FailurePage;
import io.docmap.dispatcher.persistence.failures.FailureRepository;
import io.docmap.dispatcher.persistence.failures.FailureSelection;
import io.docmap.dispatcher.persistence.history.OutcomeMinutes;
import io.docmap.dispatcher.progress.OutageException;
import io.docmap.dispatcher.progress.Progress;
import io.docmap.dispatcher.progress.ProgressService;

/**
 * Progress and control of a run. Reading needs the read or the control token; every change needs the control token and
 * is logged with who made it.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "run", description = "Progress and control of the mapping run")
public class RunResource {

    private static final String LIMIT = "must be a whole number from 1 to " + ApiLimits.MAX_ITEMS;
    /** The history's reach: the week the dispatcher keeps. */
    private static final int HISTORY_HOURS = 168;

    private static final String HOURS = "must be a whole number from 1 to " + HISTORY_HOURS;

    private final ProgressService progress;
    private final FailureRepository failures;
    private final FailureRetry retry;
    private final DispatchControl control;
    private final OutcomeMinutes minutes;

    public RunResource(
            ProgressService progress,
            FailureRepository failures,
            FailureRetry retry,
            DispatchControl control,
            OutcomeMinutes minutes) {
        this.minutes = minutes;
        this.progress = progress;
        this.failures = failures;
        this.retry = retry;
        this.control = control;
    }

    @GET
    @Path("/progress")
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Counts, rate over the last minute and ETA, from the database")
    public Uni<Progress> progress() {
        return progress.current().onFailure().transform(OutageException::new);
    }

    @GET
    @Path("/history")
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Outcomes per minute over the last hours, kept by the dispatcher (a week at most)")
    public Uni<List<OutcomeMinutes.Minute>> history(
            // A String, as the failures' limit is.
            @Parameter(description = "hours back, 1 to " + HISTORY_HOURS)
                    @QueryParam("hours")
                    @DefaultValue("24")
                    @Min(value = 1, message = HOURS)
                    @Max(value = HISTORY_HOURS, message = HOURS)
                    String hours) {
        LocalDateTime from = LocalDateTime.now(ZoneOffset.UTC).minusHours(Integer.parseInt(hours));
        return Panache.withSession(() -> minutes.since(from)).onFailure().transform(OutageException::new);
    }

    @GET
    @Path("/failures")
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Failed documents in doc_id order, a page at a time (pass the last page's `next` as `after`)")
    public Uni<FailurePage> failures(
            @Parameter(description = "only this cause") @QueryParam("cause") @KnownCause String cause,
            @Parameter(description = "doc_id to continue after") @QueryParam("after") @DefaultValue("") String after,
            // A String, so that a limit that is no number gets the same 400 as one out of range.
            @Parameter(description = "page size, 1 to " + ApiLimits.MAX_ITEMS)
                    @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(value = 1, message = LIMIT)
                    @Max(value = ApiLimits.MAX_ITEMS, message = LIMIT)
                    String limit) {
        return failures.page(Optional.ofNullable(cause).filter(c -> !c.isEmpty()), after, Integer.parseInt(limit));
    }

    @GET
    @Path("/failures/causes")
    @Guarded(Access.READ)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Failed documents per cause")
    public Uni<Map<String, Long>> causes() {
        return failures.countByCause();
    }

    @POST
    @Path("/failures/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Send failed documents through the pipeline again: all, one cause, or listed doc_ids")
    public Uni<Map<String, Integer>> retry(
            @NotNull(message = "give a body with one of all: true, cause, or docIds") @Valid RetryRequest request,
            @Context ContainerRequestContext context) {
        FailureSelection selection = request.selection();
        Log.infof("control: retry of failures %s by %s", selection, context.getProperty(CredentialFilter.OPERATOR));
        return retry.retry(selection).map(count -> Map.of("retried", count));
    }

    @POST
    @Path("/dispatch/pause")
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Stop sending pages; pages already sent are still processed")
    public Uni<Progress> pause(@Context ContainerRequestContext context) {
        return setPaused(true, context);
    }

    @POST
    @Path("/dispatch/resume")
    @Guarded(Access.CONTROL)
    @SecurityRequirement(name = "control")
    @Operation(summary = "Send pages again")
    public Uni<Progress> resume(@Context ContainerRequestContext context) {
        return setPaused(false, context);
    }

    private Uni<Progress> setPaused(boolean paused, ContainerRequestContext context) {
        String who = (String) context.getProperty(CredentialFilter.OPERATOR);
        Log.infof("control: dispatch %s by %s", paused ? "paused" : "resumed", who);
        return control.setPaused(paused, who).chain(progress::now);
    }
}
