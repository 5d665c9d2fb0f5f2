package io.docmap.common.mapper;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The mapper's answer for one document.
 *
 * @param docId the requested document
 * @param entList surface forms of the entities found, in order of appearance
 * @param mappedEnt their canonical names, without duplicates; the wire name keeps the old misspelling
 */
@RegisterForReflection
public record MapperResult(
        @JsonProperty("doc_id") String docId,
        @JsonProperty("ent_list") List<String> entList,
        @JsonProperty("maaped_ent") List<String> mappedEnt) {}
