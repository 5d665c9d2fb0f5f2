package io.docmap.worker.mapping;

import io.docmap.common.FailureCause;
import io.docmap.worker.persistence.SourceDocument;

/** A document that failed permanently, and why. */
public record DocumentFailure(SourceDocument document, FailureCause cause, String message) {}
