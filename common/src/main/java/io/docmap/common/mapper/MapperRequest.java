package io.docmap.common.mapper;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /ent_mapping/}: the documents to map in one call. */
@RegisterForReflection
public record MapperRequest(@JsonProperty(MapperRequest.DATA_LIST) List<MapperDocument> dataList) {

    /** Wire name of the document list. */
    public static final String DATA_LIST = "data_list";
}
