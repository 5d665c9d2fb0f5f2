package io.docmap.worker.model;

import java.util.List;

/**
 * The mapper's entities for one document, checked against the request, and the version of the mapper that found
 * them: null when it named none (unknown).
 */
public record DocumentResult(
        SourceDocument document, List<String> entities, List<String> canonicalNames, String mapperVersion) {}
