package io.docmap.common.mapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One document of a mapper request. */
@RegisterForReflection
public record MapperDocument(
        @JsonProperty(MapperDocument.DOC_ID) String docId, @JsonProperty(MapperDocument.TEXT) String text) {

    /** Wire name of the document's id. */
    public static final String DOC_ID = "doc_id";

    /** Wire name of the document's text. */
    public static final String TEXT = "text";
}
