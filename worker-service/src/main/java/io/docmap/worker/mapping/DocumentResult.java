package io.docmap.worker.mapping;

import java.util.List;

import io.docmap.worker.persistence.SourceDocument;

/** The mapper's entities for one document, checked against the request. */
public record DocumentResult(SourceDocument document, List<String> entities, List<String> canonicalNames) {}
