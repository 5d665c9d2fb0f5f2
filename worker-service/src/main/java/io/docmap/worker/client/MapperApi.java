package io.docmap.worker.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.docmap.common.Names;
import io.docmap.common.mapper.MapperPaths;

/**
 * The mapper's HTTP contract, with both bodies as UTF-8 bytes: the worker writes the JSON request straight from the
 * texts' bytes ({@link MapperRequestBody}), and {@link MapperAnswers} parses the answer from them, since a text body
 * would cost a decoding or an encoding pass over every document. The status comes with the body: a mapper may answer
 * garbage, and what an answer means depends on both.
 */
@RegisterRestClient(configKey = Names.MAPPER_CLIENT)
@Path(MapperPaths.ENT_MAPPING)
public interface MapperApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> map(byte[] request);
}
