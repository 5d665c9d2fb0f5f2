package io.docmap.dispatcher.api;

import java.util.stream.Collectors;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.docmap.dispatcher.control.ApiError;
import io.docmap.dispatcher.failure.RetryStoppedException;
import io.docmap.dispatcher.persistence.remap.RemapConflictException;
import io.docmap.dispatcher.persistence.remap.UnknownMapperVersionException;
import io.docmap.dispatcher.progress.OutageException;

/** Errors as {@code {"detail": …}}, like the rest of docmap's HTTP surface. */
public class ApiErrors {

    /** A parameter or a body that breaks its constraints: each one named, with what it must be. */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(violation -> name(violation) + ": " + violation.getMessage())
                .sorted()
                .distinct()
                .collect(Collectors.joining("; "));
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new ApiError(detail));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return RestResponse.ResponseBuilder.<ApiError>create(status)
                .entity(new ApiError(status == 400 ? "unreadable request: " + rootMessage(e) : e.getMessage()))
                .build();
    }

    /** A retry that a batch's failure stopped: how many were handed back, and why it stopped. */
    @ServerExceptionMapper
    public RestResponse<ApiError> retryStopped(RetryStoppedException e) {
        return RestResponse.status(RestResponse.Status.SERVICE_UNAVAILABLE, new ApiError(e.getMessage()));
    }

    /** A re-map asked while another is open, or a change to none: the state says what to do first. */
    @ServerExceptionMapper({RemapConflictException.class, RemapResource.NoOpenRemapException.class})
    public RestResponse<ApiError> remapConflict(RuntimeException e) {
        return RestResponse.status(RestResponse.Status.CONFLICT, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unknownVersion(UnknownMapperVersionException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new ApiError(e.getMessage()));
    }

    /** The figures cannot be read in an outage: the page shows why, and the Service keeps routing to it. */
    @ServerExceptionMapper
    public RestResponse<ApiError> outage(OutageException e) {
        return RestResponse.status(
                RestResponse.Status.SERVICE_UNAVAILABLE,
                new ApiError("the database cannot be read, so the figures are not current: " + rootMessage(e)
                        + "; the dispatcher and the workers retry until it is back"));
    }

    /** The parameter or the field, without the method's name: {@code limit}, {@code request.docIds}. */
    private static String name(ConstraintViolation<?> violation) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                name.append(name.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return name.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
