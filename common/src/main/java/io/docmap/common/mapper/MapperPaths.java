package io.docmap.common.mapper;

/** Paths of the mapper HTTP contract. */
public final class MapperPaths {

    /** The one mapping endpoint, trailing slash included, as the old pipeline's mapper serves it. */
    public static final String ENT_MAPPING = "/ent_mapping/";

    private MapperPaths() {}
}
