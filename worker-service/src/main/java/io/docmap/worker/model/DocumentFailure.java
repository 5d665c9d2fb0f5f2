package io.docmap.worker.model;

import io.docmap.common.FailureCause;

/** A document that failed permanently, and why. */
public record DocumentFailure(SourceDocument document, FailureCause cause, String message) {}
