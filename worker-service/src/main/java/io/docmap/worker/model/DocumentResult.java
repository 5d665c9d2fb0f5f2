package io.docmap.worker.model;

import java.util.List;

/** The mapper's entities for one document, checked against the request. */
public record DocumentResult(SourceDocument document, List<String> entities, List<String> canonicalNames) {}
