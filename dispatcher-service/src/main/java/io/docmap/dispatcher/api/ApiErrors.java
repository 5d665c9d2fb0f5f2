package io.docmap.dispatcher.api;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.docmap.common.mapper.MapperError;

/** Errors as {@code {"detail": …}}, like the rest of docmap's HTTP surface. */
public class ApiErrors {

    @ServerExceptionMapper
    public RestResponse<MapperError> badRequest(BadRequestException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, new MapperError(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<MapperError> http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return RestResponse.ResponseBuilder.<MapperError>create(status)
                .entity(new MapperError(status == 400 ? "unreadable request: " + rootMessage(e) : e.getMessage()))
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
