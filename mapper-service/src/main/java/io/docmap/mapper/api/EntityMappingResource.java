package io.docmap.mapper.api;

import java.util.List;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.common.mapper.MapperResult;
import io.docmap.mapper.EntityMapper;

/** The mapper HTTP contract: documents in, their entities and canonical names out, in request order. */
@Path(MapperPaths.ENT_MAPPING)
public class EntityMappingResource {

    private final EntityMapper mapper;
    private final Counter documents;

    public EntityMappingResource(EntityMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        this.documents = Counter.builder("docmap.mapper.documents")
                .description("Documents mapped, over all requests")
                .register(registry);
    }

    /**
     * Runs on a worker thread: matching a large text is CPU work that must not hold the event loop. The start-up's own
     * calls ({@link EndpointWarmup}) are not counted.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<List<MapperResult>> map(
            MapperRequest request, @RestHeader(EndpointWarmup.HEADER) String warmUp) {
        validate(request);
        if (warmUp == null) {
            documents.increment(request.dataList().size());
        }
        List<MapperResult> results = request.dataList().stream()
                .map(doc -> mapper.map(doc.docId(), doc.text()))
                .toList();
        return RestResponse.ResponseBuilder.ok(results)
                .header(MapperPaths.VERSION_HEADER, mapper.version())
                .build();
    }

    private static void validate(MapperRequest request) {
        if (request == null || request.dataList() == null) {
            throw new InvalidRequestException("body must be {\"data_list\": [{\"doc_id\": …, \"text\": …}, …]}");
        }
        for (int i = 0; i < request.dataList().size(); i++) {
            MapperDocument doc = request.dataList().get(i);
            if (doc == null || doc.docId() == null || doc.docId().isBlank()) {
                throw new InvalidRequestException("data_list[" + i + "].doc_id is required");
            }
        }
    }
}
