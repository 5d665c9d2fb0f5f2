package io.docmap.dispatcher.control;

import java.util.Optional;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger.Level;

/**
 * Lets a {@link Guarded} call through only with {@code Authorization: Bearer <token>}, a token its access allows. The
 * caller names themselves in {@code X-Docmap-Operator}; the name and the address go into the log line of every
 * control call, refused or not. The address is the connection's: a client-sent {@code X-Forwarded-For} counts only
 * where {@code quarkus.http.proxy.*} says which proxies to trust (README, "Watching and controlling a run").
 */
@Provider
@Guarded
@Priority(Priorities.AUTHENTICATION)
public class CredentialFilter implements ContainerRequestFilter {

    /** Request property holding "who" for the resource's log line. */
    public static final String OPERATOR = "docmap.operator";

    static final String OPERATOR_HEADER = "X-Docmap-Operator";

    @Inject
    ControlGuard guard;

    @Context
    ResourceInfo resource;

    @Context
    HttpServerRequest connection;

    @Override
    public void filter(ContainerRequestContext request) {
        Access access = access();
        String name = request.getHeaderString(OPERATOR_HEADER);
        String who = (name == null || name.isBlank() ? "unnamed operator" : name.strip()) + " from "
                + connection.remoteAddress().hostAddress();
        Optional<String> refusal = guard.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION), access);
        if (refusal.isPresent()) {
            // A read changes nothing, and a page left open without its token would fill the log with refusals.
            Log.logf(
                    access == Access.CONTROL ? Level.WARN : Level.DEBUG,
                    "refused %s %s by %s: %s",
                    request.getMethod(),
                    request.getUriInfo().getPath(),
                    who,
                    refusal.get());
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"docmap\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError(refusal.get()))
                    .build());
            return;
        }
        request.setProperty(OPERATOR, who);
    }

    private Access access() {
        Guarded guarded = resource.getResourceMethod().getAnnotation(Guarded.class);
        if (guarded == null) {
            guarded = resource.getResourceClass().getAnnotation(Guarded.class);
        }
        return guarded.value();
    }
}
