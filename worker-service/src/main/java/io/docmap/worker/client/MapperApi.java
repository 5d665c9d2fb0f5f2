package io.docmap.worker.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.docmap.common.Names;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;

/**
 * The mapper's HTTP contract. The body comes back as text: a mapper may answer garbage, and {@link
 * MapperResponseReader} decides per document what is usable.
 */
@RegisterRestClient(configKey = Names.MAPPER_CLIENT)
@Path(MapperPaths.ENT_MAPPING)
public interface MapperApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> map(MapperRequest request);
}
