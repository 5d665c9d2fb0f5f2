package io.docmap.common.mapper;

/** Paths of the mapper HTTP contract. */
public final class MapperPaths {

    /** The one mapping endpoint, trailing slash included, as the old pipeline's mapper serves it. */
    public static final String ENT_MAPPING = "/ent_mapping/";

    /**
     * The response header that names the mapper's version: what a result came from, so that results of an older
     * mapper can be told apart and mapped again. Optional: a mapper without it (the old pipeline's) is recorded as
     * unknown.
     */
    public static final String VERSION_HEADER = "X-Mapper-Version";

    private MapperPaths() {}
}
