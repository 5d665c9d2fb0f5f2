package io.docmap.common.mapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One document of a mapper request. */
@RegisterForReflection
public record MapperDocument(@JsonProperty("doc_id") String docId, @JsonProperty("text") String text) {}
