package io.docmap.mapper.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.docmap.common.mapper.MapperError;

/** Errors in the FastAPI shape the old pipeline's mapper used: {@code {"detail": …}}. */
public class ErrorResponses {

    @ServerExceptionMapper
    public RestResponse<MapperError> invalidJson(JsonProcessingException e) {
        Log.debugf("rejected a request that is not valid JSON: %s", e.getOriginalMessage());
        return RestResponse.status(Status.BAD_REQUEST, new MapperError("invalid JSON: " + e.getOriginalMessage()));
    }

    /** Framework errors (unreadable body, unknown path, wrong method) keep their status and get a detail. */
    @ServerExceptionMapper
    public RestResponse<MapperError> http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json);
        }
        int status = e.getResponse().getStatus();
        return RestResponse.ResponseBuilder.<MapperError>create(status)
                .entity(new MapperError(status + ": " + e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<MapperError> invalidRequest(InvalidRequestException e) {
        Log.debugf("rejected an invalid request: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<MapperError>create(422)
                .entity(new MapperError(e.getMessage()))
                .build();
    }
}
