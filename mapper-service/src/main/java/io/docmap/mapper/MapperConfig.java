package io.docmap.mapper;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the reference mapper. The request size limit is {@code quarkus.http.limits.max-body-size}. */
@ConfigMapping(prefix = "docmap.mapper")
public interface MapperConfig {

    /** Directory holding gazetteer.tsv and aliases.tsv; unset means the bundled data. */
    Optional<Path> gazetteerDir();

    /** Whether statistical Chinese NER (HanLP) adds person, place and organisation names to the gazetteer's. */
    @WithDefault("false")
    boolean nerEnabled();

    /**
     * Memory the requests in flight may take, each counted as sixteen times its body; a request beyond it gets 503 with
     * Retry-After. Unset means half the heap.
     */
    Optional<MemorySize> requestMemory();
}
