package io.docmap.dispatcher.control;

import java.util.Optional;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.logging.Log;

import io.docmap.common.mapper.MapperError;

/**
 * Lets a {@link ControlAction} through only with {@code Authorization: Bearer <docmap.control.token>}. The caller
 * names themselves in {@code X-Docmap-Operator}; the name and the address go into the log line of every action,
 * refused or not.
 */
@Provider
@ControlAction
@Priority(Priorities.AUTHENTICATION)
public class ControlCredentialFilter implements ContainerRequestFilter {

    /** Request property holding "who" for the resource's log line. */
    public static final String OPERATOR = "docmap.operator";

    static final String OPERATOR_HEADER = "X-Docmap-Operator";

    @Inject
    ControlGuard guard;

    @Override
    public void filter(ContainerRequestContext request) {
        String name = request.getHeaderString(OPERATOR_HEADER);
        String forwarded = request.getHeaderString("X-Forwarded-For");
        String who = (name == null || name.isBlank() ? "unnamed operator" : name.strip()) + " via "
                + (forwarded == null ? "a direct connection" : forwarded);
        Optional<String> refusal = guard.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal.isPresent()) {
            Log.warnf(
                    "refused %s %s by %s: %s",
                    request.getMethod(), request.getUriInfo().getPath(), who, refusal.get());
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"docmap\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new MapperError(refusal.get()))
                    .build());
            return;
        }
        request.setProperty(OPERATOR, who);
    }
}
